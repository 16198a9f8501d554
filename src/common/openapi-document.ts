import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { ErrorCode } from './app-error';
import { CSRF_HEADER, SESSION_COOKIE } from './sessions';
import { API_KEY_SCHEME, PUBLIC_EXTENSION, SESSION_SCHEME } from './openapi';

/**
 * The OpenAPI document, generated from the controllers, DTOs and response classes. Served at
 * /docs-json, committed as docs/openapi.json (`npm run openapi`; a test keeps it fresh) and the
 * source of the typed client (src/generated/openapi.ts).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('clipguard')
    .setDescription(
      'Self-hosted image moderation: CLIP embeddings, plain-language policies, explainable decisions. ' +
        'Errors share one shape (ErrorResponse); their codes are listed in docs/api-errors.md. ' +
        'Operations that name the apiKey scheme want an API key whose roles are listed in x-required-roles ' +
        '(admin implies every role).',
    )
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer('/', 'This service')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS (Authorization: Bearer <key>; X-API-Key: <key> also works)' },
      API_KEY_SCHEME,
    )
    .addCookieAuth(
      SESSION_COOKIE,
      {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION_COOKIE,
        description: `The dashboard's session (POST /ui/api/session exchanges a key for it); calls other than GET also send the session's ${CSRF_HEADER} header`,
      },
      SESSION_SCHEME,
    )
    .build();
  const doc = SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries({ get: item.get, put: item.put, post: item.post, delete: item.delete, patch: item.patch })) {
      if (!op) continue;
      documentEdgeErrors(op, path, method);
      const surface = (op as unknown as Record<string, unknown>)[PUBLIC_EXTENSION];
      delete (op as unknown as Record<string, unknown>)[PUBLIC_EXTENSION];
      // Public routes say so (an empty requirement); a surface a setting may put behind a key
      // (METRICS_ACCESS) accepts either.
      if (surface === true) op.security = [];
      else if (typeof surface === 'string') op.security = [{}, { [API_KEY_SCHEME]: [] }];
    }
  }
  typeNullableRefs(doc);
  return doc;
}

/**
 * The answers the request edge gives on any route, whatever its handler declares: a query string on a
 * /v1 route that declares no parameters (400 invalid_parameter, UndeclaredQueryInterceptor), and for a
 * POST, PUT or PATCH the body layer's (src/common/body.interceptor.ts): JSON that does not parse or is
 * not an object (400 invalid_json, bad_request), over the route's limit (413), or of a Content-Type the
 * route does not read (415).
 */
function documentEdgeErrors(op: OperationObject, path: string, method: string): void {
  if (path.startsWith('/v1/')) addErrorCodes(op, 400, ['invalid_parameter']);
  if (!['post', 'put', 'patch'].includes(method) || !(path.startsWith('/v1/') || path.startsWith('/ui/'))) return;
  addErrorCodes(op, 400, ['bad_request', 'invalid_json']);
  addErrorCodes(op, 413, ['payload_too_large']);
  addErrorCodes(op, 415, ['unsupported_media_type']);
}

/** Adds codes to an operation's "Error codes: ..." answer for a status, creating the answer if needed. */
function addErrorCodes(op: OperationObject, status: number, codes: ErrorCode[]): void {
  const existing = op.responses[String(status)] as ResponseObject | undefined;
  if (!existing) {
    op.responses[String(status)] = { description: `Error codes: ${codes.join(', ')}`, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } } };
    return;
  }
  const listed = /^Error codes: (.*)$/.exec(existing.description)?.[1].split(', ') ?? [];
  const missing = codes.filter((c) => !listed.includes(c));
  if (missing.length) existing.description = listed.length ? `Error codes: ${[...listed, ...missing].join(', ')}` : `${existing.description} (error codes: ${missing.join(', ')})`;
}

/**
 * Nest writes a nullable nested class as `{ nullable: true, allOf: [{ $ref }] }`; OpenAPI 3.0 wants
 * `type` beside `nullable`, so such schemas say they are objects.
 */
function typeNullableRefs(node: unknown): void {
  if (Array.isArray(node)) node.forEach(typeNullableRefs);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.nullable === true && o.type === undefined && Array.isArray(o.allOf)) o.type = 'object';
    Object.values(o).forEach(typeNullableRefs);
  }
}
