import type { ApiHeaderOptions, HeadersObject } from '@nestjs/swagger';

/** Request and response headers of the moderation routes, as OpenAPI documents them. */
export const IDEMPOTENCY_KEY_HEADER: ApiHeaderOptions = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Makes a retry safe: the same key and request answer the first answer again (per API key, 1..255 visible ASCII characters)',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
};

export const PREFER_HEADER: ApiHeaderOptions = {
  name: 'Prefer',
  required: false,
  description: 'respond-async queues the moderation (202), as "async": true does (RFC 7240)',
  schema: { type: 'string', example: 'respond-async' },
};

export const IDEMPOTENT_REPLAYED_HEADER: HeadersObject = {
  'Idempotent-Replayed': { description: 'true when this is the stored answer of an earlier request with the same Idempotency-Key', schema: { type: 'string', enum: ['true'] } },
};

export const LOCATION_HEADER: HeadersObject = {
  Location: { description: 'The moderation resource to poll', schema: { type: 'string', example: '/v1/moderations/5b0c7a55-3f0e-4c55-9d7e-0b7a3f1f2c10' } },
};
