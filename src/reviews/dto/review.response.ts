import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { VERDICTS } from '../reviews.service';
import { DECISIONS } from './review-query.dto';

const TIME = { type: String, format: 'date-time', example: '2026-12-05T07:30:00.000Z' } as const;
const TIME_OR_NULL = { ...TIME, nullable: true } as const;
const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class ReviewLeaseResponse {
  @ApiProperty({ description: 'API key name of the moderator holding the lease', example: 'alice' })
  holder!: string;

  @ApiProperty(TIME)
  expires_at!: string;
}

/** A review item as the queue and every workflow route show it. */
export class ReviewItemResponse {
  @ApiProperty({ example: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d' })
  id!: string;

  @ApiProperty({ example: 'c0ffee00-1234-4abc-8def-0123456789ab' })
  moderation_id!: string;

  @ApiProperty({ enum: ['open', 'escalated', 'closed'] })
  status!: string;

  @ApiProperty({ description: 'Whether a live lease is held on it' })
  claimed!: boolean;

  @ApiProperty({ type: ReviewLeaseResponse, nullable: true, description: 'The live lease; null when none' })
  lease!: ReviewLeaseResponse | null;

  @ApiProperty({ enum: ['auto', 'appeal'], description: 'auto: a policy sent it; appeal: (re)opened by an appeal' })
  origin!: string;

  @ApiProperty({ type: [String], description: 'The policies that sent it to review', example: ['weapons'] })
  policies!: string[];

  @ApiProperty({ enum: DECISIONS, description: 'The automatic decision' })
  decision!: string;

  @ApiProperty({ description: 'The highest policy score', example: 0.31 })
  max_score!: number;

  @ApiProperty(TIME)
  created_at!: string;

  @ApiProperty({ ...TIME, description: 'When it last entered the queue' })
  opened_at!: string;

  @ApiProperty(TIME)
  updated_at!: string;

  // null listed in the enum as well: validators read `nullable` and `enum` separately.
  @ApiProperty({ enum: [...VERDICTS, null], nullable: true, type: String, description: 'The last verdict given; null before any' })
  last_verdict!: string | null;

  @ApiProperty(TIME_OR_NULL)
  closed_at!: string | null;

  @ApiProperty({ type: 'integer', example: 0 })
  appeal_count!: number;
}

export class ReviewListResponse {
  @ApiProperty({ type: ReviewItemResponse, isArray: true })
  items!: ReviewItemResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= (with the same order) for the next page; null on the last page' })
  next_cursor!: string | null;
}

/** One event in an item's history: an appeal (reason) or a decision (verdict, policies, note). */
export class ReviewHistoryEntryResponse {
  @ApiProperty({ enum: ['appeal', 'decision'] })
  type!: 'appeal' | 'decision';

  @ApiProperty(TIME)
  at!: string;

  @ApiProperty({ description: 'Appellant or moderator (API key name)', example: 'alice' })
  actor!: string;

  @ApiPropertyOptional({ description: 'appeal: the reason' })
  reason?: string;

  @ApiPropertyOptional({ enum: VERDICTS, description: 'decision: the verdict' })
  verdict?: string;

  @ApiPropertyOptional({ type: [String], description: 'decision: the policies it concerns' })
  policies?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, description: "decision: the moderator's note" })
  note?: string | null;
}

export class ReviewDetailResponse extends ReviewItemResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The moderation record as GET /v1/moderations/{id} shows it (decision, reasons, per-policy evidence, `frames` with per-frame scores for an animation, image facts); null when it is gone',
  })
  record!: Record<string, unknown> | null;

  @ApiProperty({ type: ReviewHistoryEntryResponse, isArray: true, description: 'Appeals and decisions, oldest first' })
  history!: ReviewHistoryEntryResponse[];
}

export class StatsWindowResponse {
  @ApiProperty(TIME)
  from!: string;

  @ApiProperty(TIME)
  to!: string;
}

export class PolicyVerdictsResponse {
  @ApiProperty({ type: 'integer' })
  uphold!: number;

  @ApiProperty({ type: 'integer' })
  overturn!: number;

  @ApiProperty({ type: 'integer' })
  escalate!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'overturn / (uphold + overturn); null without final verdicts', example: 0.25 })
  overturn_rate!: number | null;
}

export class ReviewStatsResponse {
  @ApiProperty({ type: StatsWindowResponse })
  window!: StatsWindowResponse;

  @ApiProperty({ ...COUNTS, description: 'Recorded moderations per decision', example: { allow: 120, flag: 7, block: 2 } })
  moderations_by_decision!: Record<string, number>;

  @ApiProperty({ type: 'object', additionalProperties: COUNTS, description: 'Per policy: recorded moderations per action it took', example: { weapons: { flag: 5, block: 2 } } })
  moderations_by_policy!: Record<string, Record<string, number>>;

  @ApiProperty({ ...COUNTS, description: 'Review items opened in the window, per status', example: { open: 3, closed: 6 } })
  reviews_by_status!: Record<string, number>;

  @ApiProperty({ type: 'integer', description: 'Items under a live lease' })
  reviews_claimed!: number;

  @ApiProperty({ type: 'integer', description: 'Verdicts given in the window' })
  review_decisions!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Median time from opening to a final verdict, in seconds' })
  median_time_to_decision_s!: number | null;

  @ApiProperty({ type: 'object', additionalProperties: COUNTS, description: 'Per moderator: total and per verdict', example: { alice: { total: 3, uphold: 2, overturn: 1 } } })
  decisions_per_moderator!: Record<string, Record<string, number>>;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(PolicyVerdictsResponse) }, description: 'Per policy: verdicts and overturn rate' })
  verdicts_per_policy!: Record<string, PolicyVerdictsResponse>;
}
