/**
 * The one error vocabulary of the API. Codes are stable and documented; messages are for humans.
 * Anything thrown that is not an AppError becomes `internal_error` without leaking its details.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  missing_image: 400,
  invalid_base64: 400,
  invalid_parameter: 400,
  reveal_reason_required: 400,
  not_animated: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf_token_invalid: 403,
  not_found: 404,
  request_timeout: 408,
  conflict: 409,
  idempotency_key_in_use: 409,
  lease_held: 409,
  lease_not_held: 409,
  review_closed: 409,
  appeal_open: 409,
  appeal_limit_reached: 409,
  image_not_kept: 404,
  frame_not_found: 404,
  payload_too_large: 413,
  image_too_many_pixels: 413,
  image_too_many_frames: 413,
  image_too_complex: 413,
  too_many_items: 413,
  unsupported_media_type: 415,
  headers_too_large: 431,
  image_undecodable: 422,
  policy_invalid: 422,
  idempotency_key_reused: 422,
  url_not_allowed: 422,
  url_fetch_failed: 422,
  policy_not_fired: 422,
  rate_limited: 429,
  appeal_rate_limited: 429,
  internal_error: 500,
  overloaded: 503,
  model_unavailable: 503,
  not_ready: 503,
  deadline_exceeded: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Seconds a client should wait before retrying (503/429). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  requestId: string;
}
