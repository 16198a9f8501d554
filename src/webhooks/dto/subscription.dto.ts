import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCursor } from '../../common/cursor';
import { IfPresent, IsIssuedId, ToNumber } from '../../common/dto-transforms';
import { EVENT_TYPES, EventType } from '../event-types';

const URL_DOC = { description: 'http(s) URL of the receiver; its address is judged by the SSRF rules (WEBHOOK_ALLOW_PRIVATE)', maxLength: 2048, example: 'https://platform.example/hooks/clipguard' };

/**
 * The fields POST and PATCH share, judged alike. Optional but not nullable (`enabled: null` is
 * refused like any other wrong type), except `description`, where null clears it.
 */
class SubscriptionFieldsDto {
  @ApiPropertyOptional({ enum: EVENT_TYPES, isArray: true, description: 'Event types to receive (default on create: all); duplicates are ignored', example: ['moderation.completed', 'review.decided'] })
  @IfPresent()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(EVENT_TYPES.length * 4)
  @IsIn(EVENT_TYPES, { each: true })
  events?: EventType[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: 'Free text for people; null clears it', example: 'uploads platform, production' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ type: Boolean, description: 'A JSON boolean (true/false only; "yes", 1 and "false" are refused). A disabled endpoint has its deliveries held until it is enabled again. Default on create: true.', example: true })
  @IfPresent()
  @IsBoolean()
  enabled?: boolean;
}

/** POST /v1/webhooks: `url` is required. */
export class CreateSubscriptionDto extends SubscriptionFieldsDto {
  @ApiProperty(URL_DOC)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  url!: string;
}

/** PATCH /v1/webhooks/{id}: every field optional; only what is named changes. */
export class UpdateSubscriptionDto extends SubscriptionFieldsDto {
  @ApiPropertyOptional(URL_DOC)
  @IfPresent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  url?: string;
}

export const MAX_OVERLAP_MS = 30 * 24 * 3600_000;

/** POST /v1/webhooks/{id}/secret/rotate (the body is optional). */
export class RotateSecretDto {
  @ApiPropertyOptional({ description: 'How long the previous secret keeps signing beside the new one, in ms (default WEBHOOK_SECRET_OVERLAP_MS; 0 ends it now)', minimum: 0, maximum: MAX_OVERLAP_MS, example: 86_400_000 })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(MAX_OVERLAP_MS)
  overlap_ms?: number;
}

export const DELIVERY_STATUSES = ['pending', 'delivering', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryCursor {
  created_at: number;
  id: string;
}
export const isDeliveryCursor = (v: unknown): v is DeliveryCursor => typeof (v as DeliveryCursor)?.created_at === 'number' && typeof (v as DeliveryCursor)?.id === 'string';

/** GET /v1/webhooks/{id}/deliveries */
export class ListDeliveriesQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: 'Only deliveries in this state' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50, description: 'Page size' })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page, unchanged', example: 'eyJjcmVhdGVkX2F0IjoxNzY0OTAwMDAwMDAwLCJpZCI6ImQxIn0' })
  @IsOptional()
  @IsCursor(isDeliveryCursor)
  before?: string;
}


/** The {id} of a subscription. */
export class WebhookIdParams {
  @ApiProperty({ description: 'Subscription id', format: 'uuid', example: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b' })
  @IsIssuedId()
  id!: string;
}

/** The {id} of a subscription and the {deliveryId} of one of its deliveries. */
export class DeliveryParams extends WebhookIdParams {
  @ApiProperty({ description: 'Delivery id', format: 'uuid', example: '0b8d7c6e-5f4a-4b3c-9d2e-1f0a9b8c7d6e' })
  @IsIssuedId()
  deliveryId!: string;
}
