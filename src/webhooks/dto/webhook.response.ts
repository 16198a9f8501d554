import { ApiProperty } from '@nestjs/swagger';
import { EVENT_TYPES } from '../event-types';
import { DELIVERY_STATUSES } from './subscription.dto';

const TIME = { type: String, format: 'date-time', example: '2026-12-05T07:30:00.000Z' } as const;
const TIME_OR_NULL = { ...TIME, nullable: true } as const;

export class SecretRotationResponse {
  @ApiProperty({ ...TIME_OR_NULL, description: 'Until when the previous secret also signs' })
  previous_secret_expires_at!: string | null;
}

/** A subscription as every route shows it (never its secret, except on create). */
export class SubscriptionResponse {
  @ApiProperty({ example: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b' })
  id!: string;

  @ApiProperty({ example: 'https://platform.example/hooks/clipguard' })
  url!: string;

  @ApiProperty({ type: String, nullable: true, example: 'uploads platform, production' })
  description!: string | null;

  @ApiProperty({ enum: EVENT_TYPES, isArray: true })
  events!: string[];

  @ApiProperty({ description: 'false: deliveries are held until it is enabled again' })
  enabled!: boolean;

  @ApiProperty({ ...TIME_OR_NULL, description: 'When it was disabled (by an admin or after failing for WEBHOOK_DISABLE_AFTER_MS)' })
  disabled_at!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'failing since 2026-12-04T07:30:00.000Z' })
  disabled_reason!: string | null;

  @ApiProperty({ ...TIME_OR_NULL, description: 'Start of the current run of failed deliveries' })
  failing_since!: string | null;

  @ApiProperty({ type: SecretRotationResponse, nullable: true, description: 'Present while a rotated-out secret still signs' })
  secret_rotation!: SecretRotationResponse | null;

  @ApiProperty({ description: 'Name of the API key that created it', example: 'admin' })
  created_by!: string;

  @ApiProperty(TIME)
  created_at!: string;

  @ApiProperty(TIME)
  updated_at!: string;
}

export class CreatedSubscriptionResponse extends SubscriptionResponse {
  @ApiProperty({ description: 'The signing secret (Standard Webhooks); GET /v1/webhooks/{id}/secret reads it again', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret!: string;
}

export class SubscriptionListResponse {
  @ApiProperty({ type: SubscriptionResponse, isArray: true })
  items!: SubscriptionResponse[];
}

export class SecretResponse {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret!: string;

  @ApiProperty({ ...TIME_OR_NULL, description: 'Until when the previous secret also signs; null when it no longer does' })
  previous_secret_expires_at!: string | null;
}

export class DeliveryAttemptResponse {
  @ApiProperty({ example: 1 })
  attempt!: number;

  @ApiProperty(TIME)
  at!: string;

  @ApiProperty({ example: 42 })
  duration_ms!: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'HTTP status of the answer; null when none came', example: 204 })
  status_code!: number | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  error!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The start of the answer body' })
  response!: string | null;

  @ApiProperty({ description: 'The instance that made the attempt', example: 'host-1:4242' })
  instance!: string;
}

export class DeliveryResponse {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: 'The outbox event (webhook-id is msg_<event id>)' })
  event_id!: string;

  @ApiProperty({ enum: EVENT_TYPES })
  event_type!: string;

  @ApiProperty({ type: String, nullable: true, description: 'X-Request-Id of the request that caused the event (for an async moderation, the submitting request), also sent as the X-Request-Id header of each attempt; null when no request caused it', example: 'req-7f3a' })
  request_id!: string | null;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: string;

  @ApiProperty({ description: 'Pending while the endpoint is disabled; it goes out when the endpoint is enabled again' })
  held!: boolean;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty(TIME)
  created_at!: string;

  @ApiProperty({ ...TIME_OR_NULL, description: 'Set while pending' })
  next_attempt_at!: string | null;

  @ApiProperty(TIME_OR_NULL)
  last_attempt_at!: string | null;

  @ApiProperty(TIME_OR_NULL)
  delivered_at!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 204 })
  last_status!: number | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  last_error!: string | null;

  @ApiProperty({ type: DeliveryAttemptResponse, isArray: true, description: 'Attempts, in order (empty on the redeliver answer)' })
  log!: DeliveryAttemptResponse[];
}

export class DeliveryListResponse {
  @ApiProperty({ type: DeliveryResponse, isArray: true })
  items!: DeliveryResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?before= for the next page; null on the last page' })
  next_cursor!: string | null;
}
