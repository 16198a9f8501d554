import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmpty, IsIn, IsInt, IsNumber, IsOptional, IsPositive, IsString, Max, MaxLength, Min, registerDecorator, ValidationOptions } from 'class-validator';
import { IsTimeString, ToBoolean, ToNumber } from '../../common/dto-transforms';

/**
 * Options of the draft routes. Multipart text fields arrive as strings, JSON as numbers and
 * booleans: both are accepted ("true"/"false" only for booleans), anything else is refused.
 */

const STANDALONE_DOC = { type: Boolean, default: false, description: 'Judge the draft alone instead of in place of its namesake in the active set (true/false)' };

/** POST /v1/policies/validate?standalone= */
export class ValidateDraftQueryDto {
  @ApiPropertyOptional(STANDALONE_DOC)
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  standalone?: boolean;
}

/** A text field that may also be sent as a file part (multer keeps file parts out of the body). */
export function IsFilePartOnly(options?: ValidationOptions): PropertyDecorator {
  return IsEmpty({ message: (a) => `${a.property} must be sent as a file part`, ...options });
}

/** A draft policy document in a body: YAML text, or (JSON) the document as an object. */
export function IsPolicyDocument(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPolicyDocument',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be the policy document as YAML text or a JSON object`, ...options },
      validator: { validate: (v: unknown) => (typeof v === 'string' && v.trim() !== '') || (typeof v === 'object' && v !== null && !Array.isArray(v)) },
    });
}

/** POST /v1/policies/preview (multipart/form-data). */
export class PreviewDraftFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The draft policy-set document (YAML), as a file part or a text field' })
  @IsOptional()
  @IsString()
  policy?: string;

  @ApiProperty({ type: 'string', format: 'binary', description: 'The image to score (a file part)' })
  @IsFilePartOnly()
  image?: never;

  @ApiPropertyOptional(STANDALONE_DOC)
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  standalone?: boolean;
}

export const SAMPLE_SOURCES = ['verdicts'] as const;

/** Where labelled samples come from: an uploaded archive (multipart "samples") or stored moderator verdicts. */
export class SampleSourceFields {
  @ApiPropertyOptional({ type: 'string', format: 'binary', description: 'multipart: a .tar or .tar.gz of <policy id>/<image> and none/<image> (a file part)' })
  @IsFilePartOnly()
  samples?: never;

  @ApiPropertyOptional({ enum: SAMPLE_SOURCES, description: 'verdicts: use final moderator verdicts (uphold/overturn) with stored embeddings instead of an archive' })
  @IsOptional()
  @IsIn(SAMPLE_SOURCES)
  source?: (typeof SAMPLE_SOURCES)[number];

  @ApiPropertyOptional({ description: 'source=verdicts: decided at or after (ISO-8601 or epoch ms)', example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsTimeString()
  from?: string;

  @ApiPropertyOptional({ description: 'source=verdicts: decided before (ISO-8601 or epoch ms)', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsTimeString()
  to?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'source=verdicts: at most this many samples (capped at POLICY_EVAL_MAX_SAMPLES)', example: 500 })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  limit?: number;
}

const TARGET_DOC = { type: Number, minimum: 0, exclusiveMinimum: true, maximum: 1, default: 0.9 };

/** POST /v1/policies/evaluate (multipart/form-data or JSON). */
export class EvaluateDraftDto extends SampleSourceFields {
  @ApiPropertyOptional({
    description: 'The draft policy-set document: YAML text (a text field or file part), or in JSON the document object; absent: the active set',
    oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: true }],
  })
  @IsOptional()
  @IsPolicyDocument()
  policy?: string | Record<string, unknown>;

  @ApiPropertyOptional(STANDALONE_DOC)
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  standalone?: boolean;

  @ApiPropertyOptional({ ...TARGET_DOC, description: 'Report the lowest threshold reaching this precision, in (0, 1]' })
  @IsOptional()
  @ToNumber()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(1)
  target_precision?: number;

  @ApiPropertyOptional({ ...TARGET_DOC, description: 'Report the highest threshold reaching this recall, in (0, 1]' })
  @IsOptional()
  @ToNumber()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(1)
  target_recall?: number;
}

export const REPORT_FORMATS = ['json', 'html'] as const;

/** POST /v1/policies/evaluate?format= */
export class EvaluateQueryDto {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: 'html: a page with the PR and reliability curves' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: (typeof REPORT_FORMATS)[number];
}

/** GET /v1/policies/shadow-stats */
export class ShadowStatsQueryDto {
  @ApiPropertyOptional({ description: 'Window start (ISO-8601 or epoch ms); default 7 days before `to`', example: '2026-11-28T00:00:00Z' })
  @IsOptional()
  @IsTimeString()
  from?: string;

  @ApiPropertyOptional({ description: 'Window end (ISO-8601 or epoch ms); default now', example: '2026-12-05T00:00:00Z' })
  @IsOptional()
  @IsTimeString()
  to?: string;

  @ApiPropertyOptional({ description: 'Only moderations decided by this policy-set version', maxLength: 200, example: 'default@3:1a2b3c4d' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  policy_set_version?: string;
}
