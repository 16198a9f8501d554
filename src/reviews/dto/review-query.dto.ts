import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min, registerDecorator } from 'class-validator';
import { IsCursor } from '../../common/cursor';
import { IfPresent, IsIssuedId, IsTimeString, parseTime, ToBoolean, ToNumber } from '../../common/dto-transforms';
import type { QueueCursor } from '../reviews.repository';
import { VERDICTS, type Verdict } from '../reviews.service';

export const QUEUE_STATUSES = ['open', 'claimed', 'escalated', 'closed'] as const;
export const NEXT_STATUSES = ['open', 'escalated'] as const;
export const QUEUE_ORDERS = ['oldest', 'score'] as const;
export const DECISIONS = ['allow', 'flag', 'blur', 'block'] as const;

export const isQueueCursor = (v: unknown): v is QueueCursor => typeof (v as QueueCursor)?.k === 'number' && typeof (v as QueueCursor)?.id === 'string';

const TIME_DOC = { description: 'ISO-8601 time or epoch milliseconds', example: '2026-12-01T00:00:00Z' };

/** The filters the queue, `next` and their documents share. */
class QueueFilterFields {
  @ApiPropertyOptional({ description: 'Only items that this policy sent to review', maxLength: 200, example: 'weapons' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  policy?: string;

  @ApiPropertyOptional({ enum: DECISIONS, description: 'Only items whose automatic decision was this' })
  @IsOptional()
  @IsIn(DECISIONS)
  decision?: (typeof DECISIONS)[number];

  @ApiPropertyOptional({ enum: QUEUE_ORDERS, default: 'oldest', description: 'oldest: longest waiting first; score: highest score first' })
  @IsOptional()
  @IsIn(QUEUE_ORDERS)
  order?: (typeof QUEUE_ORDERS)[number];
}

/** GET /v1/reviews */
export class ReviewQueueQueryDto extends QueueFilterFields {
  @ApiPropertyOptional({ enum: QUEUE_STATUSES, description: 'open: waiting and not leased; claimed: under a live lease; escalated; closed' })
  @IsOptional()
  @IsIn(QUEUE_STATUSES)
  status?: (typeof QUEUE_STATUSES)[number];

  @ApiPropertyOptional({ ...TIME_DOC, description: 'Opened at or after (ISO-8601 time or epoch ms)' })
  @IsOptional()
  @IsTimeString()
  from?: string;

  @ApiPropertyOptional({ ...TIME_DOC, description: 'Opened before (ISO-8601 time or epoch ms)' })
  @IsOptional()
  @IsTimeString()
  to?: string;

  @ApiPropertyOptional({ type: Number, description: 'Only items whose highest policy score is at least this', example: 0.3 })
  @IsOptional()
  @ToNumber()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  min_score?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50, description: 'Page size' })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page, unchanged (with the same order)', maxLength: 2000 })
  @IsOptional()
  @IsCursor(isQueueCursor)
  cursor?: string;
}

/**
 * POST /v1/reviews/next: which item to take, as a JSON body (optional). The same filters may come as
 * the query string instead (NextReviewQueryDto), not both at once.
 */
export class NextReviewDto extends QueueFilterFields {
  @ApiPropertyOptional({ enum: NEXT_STATUSES, description: 'Take from open items (default) or escalated ones' })
  @IsOptional()
  @IsIn(NEXT_STATUSES)
  status?: (typeof NEXT_STATUSES)[number];

  @ApiPropertyOptional({ type: Number, description: 'Only items whose highest policy score is at least this', example: 0.3 })
  @IfPresent()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  min_score?: number;
}

/** POST /v1/reviews/next?status=...: the filters of NextReviewDto as a query string (numbers read from their text). */
export class NextReviewQueryDto extends QueueFilterFields {
  @ApiPropertyOptional({ enum: NEXT_STATUSES, description: 'Take from open items (default) or escalated ones' })
  @IsOptional()
  @IsIn(NEXT_STATUSES)
  status?: (typeof NEXT_STATUSES)[number];

  @ApiPropertyOptional({ type: Number, description: 'Only items whose highest policy score is at least this', example: 0.3 })
  @IsOptional()
  @ToNumber()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  min_score?: number;
}

/** The filters a NextReviewDto or NextReviewQueryDto carries: the names of its fields that are set. */
export const givenFilters = (dto: NextReviewDto | NextReviewQueryDto): string[] => Object.entries(dto).flatMap(([k, v]) => (v === undefined ? [] : [k]));

/** `from` (time text) must be before `to`, or before now when `to` is absent (src/common/dto-transforms.ts IsBeforeTo: both given, after ToTime). */
function IsBeforeToOrNow(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isBeforeTo',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'from must be before to' },
      validator: {
        validate(v: unknown, args) {
          const from = parseTime(v);
          const to = parseTime((args?.object as { to?: unknown } | undefined)?.to) ?? Date.now() + 1;
          return from === undefined || from < to;
        },
      },
    });
}

/** GET /v1/reviews/stats */
export class ReviewStatsQueryDto {
  @ApiPropertyOptional({ ...TIME_DOC, description: 'Window start (ISO-8601 or epoch ms); default 7 days before `to`; must be before `to`' })
  @IsOptional()
  @IsTimeString()
  @IsBeforeToOrNow()
  from?: string;

  @ApiPropertyOptional({ ...TIME_DOC, description: 'Window end (ISO-8601 or epoch ms); default now' })
  @IsOptional()
  @IsTimeString()
  to?: string;
}

/** POST /v1/reviews/{id}/decision */
export class DecideReviewDto {
  @ApiProperty({ enum: VERDICTS, description: 'uphold: the automatic decision stands; overturn: it was wrong; escalate: for a senior moderator (the item stays open as escalated)' })
  @IsIn(VERDICTS)
  verdict!: Verdict;

  @ApiPropertyOptional({ type: [String], maxItems: 100, description: 'The policies the verdict concerns (default: every policy that sent the item to review); each must have fired on the item (422 policy_not_fired), except that an admin may name one that was only scored', example: ['weapons'] })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  policies?: string[];

  @ApiPropertyOptional({ maxLength: 4000, description: 'Why; kept with the decision and in the audit log', example: 'kitchen knife, cooking context' })
  @IfPresent()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

/** GET /v1/reviews/{id}/image */
export class ReviewImageQueryDto {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'true: the original (holder of the live lease or an admin; audited); false: a blurred preview. Only true or false.' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  reveal?: boolean;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Why the original is needed; required with reveal=true (400 reveal_reason_required) unless REVIEW_REVEAL_REASON_REQUIRED=false; audited', example: 'checking the context of the flagged object' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

/** The {id} of a review item. */
export class ReviewIdParams {
  @ApiProperty({ description: 'Review item id', format: 'uuid', example: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d' })
  @IsIssuedId()
  id!: string;
}

