import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
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
    for (const op of [item.get, item.put, item.post, item.delete, item.patch]) {
      if (!op) continue;
      if (path.startsWith('/v1/')) documentInvalidParameter(op);
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
 * Every /v1 operation can answer 400 invalid_parameter: a query string on a route that declares no
 * parameters is refused (UndeclaredQueryInterceptor), besides whatever its DTOs check.
 */
function documentInvalidParameter(op: OperationObject): void {
  const existing = op.responses['400'] as ResponseObject | undefined;
  if (!existing) {
    op.responses['400'] = { description: 'Error codes: invalid_parameter', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } } };
  } else if (!/\binvalid_parameter\b/.test(existing.description)) {
    existing.description = `${existing.description}, invalid_parameter`;
  }
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
