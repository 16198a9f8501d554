import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiProperty, ApiPropertyOptional, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { ERROR_STATUS, ErrorCode } from './app-error';

/** The security scheme every protected operation names (declared in http-setup.ts). */
export const API_KEY_SCHEME = 'apiKey';
/** The dashboard's session cookie (src/common/sessions.ts), accepted wherever a key is. */
export const SESSION_SCHEME = 'session';
/** Set by @Public(); the document builder turns it into the operation's security requirement. */
export const PUBLIC_EXTENSION = 'x-public-surface';

/** The one error shape of the API (src/common/error.filter.ts), as an OpenAPI component. */
export class ErrorResponse {
  @ApiProperty({ description: 'Stable machine-readable error code (docs/api-errors.md)', example: 'invalid_parameter' })
  code!: string;

  @ApiProperty({ description: 'For humans; may change between versions', example: 'limit must not be greater than 200' })
  message!: string;

  @ApiProperty({ description: 'The X-Request-Id of the request (also in the logs)', example: 'b3f1c2d4-8e9a-4b7c-9d2e-1f0a3b4c5d6e' })
  requestId!: string;

  @ApiPropertyOptional({
    description: 'Code-specific detail; for invalid_parameter: field (the first failing field) and errors [{field, constraint, message}]',
    type: 'object',
    additionalProperties: true,
    example: { field: 'limit', errors: [{ field: 'limit', constraint: 'max', message: 'limit must not be greater than 200' }] },
  })
  details?: Record<string, unknown>;
}

/**
 * Documents the error answers an operation can give, one response per HTTP status, each listing the
 * codes it carries. Usage: `@ApiErrors('invalid_parameter', 'not_found')`.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const c of codes) byStatus.set(ERROR_STATUS[c], [...(byStatus.get(ERROR_STATUS[c]) ?? []), c]);
  return applyDecorators(
    ...[...byStatus].map(([status, list]) => ApiResponse({ status, type: ErrorResponse, description: `Error codes: ${list.join(', ')}` })),
  );
}

/**
 * What `@Roles(...)` adds to the document: the API-key security requirement, the roles as
 * `x-required-roles`, and the 401/403 answers every protected operation can give.
 */
export function ApiRolesDoc(roles: string[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiSecurity(API_KEY_SCHEME),
    ApiSecurity(SESSION_SCHEME),
    ApiExtension('x-required-roles', roles),
    ApiErrors('unauthorized', 'forbidden', 'rate_limited'),
  );
}

/** Every format a kept image or its blurred rendition may be sent in (the intake's formats). */
export const IMAGE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/avif', 'image/tiff', 'image/heif'];

/** A response `content` of raw bytes in each of `types`. */
export function binaryContent(types: readonly string[] = IMAGE_MEDIA_TYPES): Record<string, { schema: { type: 'string'; format: 'binary' } }> {
  return Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]));
}
