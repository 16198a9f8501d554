import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsBeforeTo, IsTime, ToInt, ToTime } from '../../common/dto-transforms';
import { IsCursor } from '../../common/cursor';

export const AUDIT_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** The cursor of the audit log: the last sequence number read. */
export const isAuditCursor = (v: unknown): v is { s: number } => typeof (v as { s?: unknown })?.s === 'number';

/** GET /v1/audit: filters, and either a JSON page (cursor, limit) or the whole filtered log as NDJSON or CSV. */
export class AuditQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_FORMATS, default: 'json', description: 'json: one page; ndjson and csv: every matching entry, streamed' })
  @IsOptional()
  @IsIn(AUDIT_FORMATS)
  format?: AuditFormat;

  @ApiPropertyOptional({ description: 'Who acted: an API key name, "system" or "file:<name>"', maxLength: 200, example: 'moderator-anna' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({ description: 'e.g. moderation.created, review.claimed, review.decided, image.revealed', maxLength: 200, example: 'review.decided' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  action?: string;

  @ApiPropertyOptional({ description: 'e.g. moderation, review, policy_set, webhook', maxLength: 200, example: 'review' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  entity_type?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  entity_id?: string;

  @ApiPropertyOptional({ type: String, description: 'At or after (ISO-8601 or epoch milliseconds)', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @ToTime()
  @IsTime()
  @IsBeforeTo()
  from?: number;

  @ApiPropertyOptional({ type: String, description: 'Before (ISO-8601 or epoch milliseconds)', example: '2026-12-05T00:00:00Z' })
  @IsOptional()
  @ToTime()
  @IsTime()
  to?: number;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page, unchanged' })
  @IsOptional()
  @IsString()
  @IsCursor(isAuditCursor)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100, description: 'Entries per JSON page' })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class AuditEntryResponse {
  @ApiProperty({ type: 'integer', description: 'Sequence number, increasing', example: 42 }) seq!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'moderator-anna' }) actor!: string;
  @ApiProperty({ example: 'review.decided' }) action!: string;
  @ApiProperty({ example: 'review' }) entity_type!: string;
  @ApiProperty() entity_id!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'State before the change, when it applies' }) before!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'State after the change, when it applies' }) after!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, description: 'X-Request-Id of the request that made the change' }) request_id!: string | null;
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditEntryResponse] }) items!: AuditEntryResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) next_cursor!: string | null;
}
