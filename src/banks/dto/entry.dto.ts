import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsIssuedId } from '../../common/dto-transforms';
import { MAX_LABEL_LENGTH, MAX_LABELS, SIGNAL_TYPES } from '../signal-format';

const LABEL = /^[^,;\p{Cc}]+$/u;
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
/** "a,b" in a query string or ["a","b"] in a body. */
const labelList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(/[,;]/).map((s) => s.trim()).filter(Boolean) : value);

class Labelled {
  @ApiPropertyOptional({ type: [String], maxItems: MAX_LABELS, description: `Labels (at most ${MAX_LABELS}, each at most ${MAX_LABEL_LENGTH} characters, no commas or semicolons)`, example: ['spam'] })
  @IsOptional()
  @Transform(labelList)
  @IsArray()
  @ArrayMaxSize(MAX_LABELS)
  @IsString({ each: true })
  @MaxLength(MAX_LABEL_LENGTH, { each: true })
  @Matches(LABEL, { each: true, message: 'a label may not hold commas, semicolons or control characters' })
  labels?: string[];
}

export class EntryParams {
  @ApiProperty({ description: 'The bank id (UUID)', format: 'uuid' })
  @IsIssuedId()
  id!: string;

  @ApiProperty({ description: 'The entry id' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  entryId!: number;
}

export class AddEntryDto extends Labelled {
  @ApiProperty({ enum: SIGNAL_TYPES })
  @Transform(lower)
  @IsIn(SIGNAL_TYPES)
  signal_type!: (typeof SIGNAL_TYPES)[number];

  @ApiProperty({ description: 'The hash in hex: 64 digits for pdq and sha256, 32 for md5', example: 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22' })
  @Transform(lower)
  @IsString()
  @Matches(/^([0-9a-f]{32}|[0-9a-f]{64})$/, { message: 'signal_value must be 32 or 64 hex digits' })
  signal_value!: string;

  @ApiPropertyOptional({ description: 'Where the hash came from (free text)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;
}

export class AddImageEntryQuery extends Labelled {
  @ApiPropertyOptional({ description: 'Where the image came from (free text)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;
}

export class FromModerationDto extends Labelled {
  @ApiProperty({ description: 'The recorded moderation whose image is banked (its PDQ, SHA-256 and embedding)' })
  @IsIssuedId()
  moderation_id!: string;
}

export class ListEntriesQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Entries with a larger id than this (next_after of the previous page)', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;
}

export const FILE_FORMATS = ['csv', 'jsonl'] as const;

export class ImportQuery {
  @ApiPropertyOptional({ enum: FILE_FORMATS, description: 'Default: from Content-Type (text/csv; application/x-ndjson or application/jsonl)' })
  @IsOptional()
  @IsIn(FILE_FORMATS)
  format?: (typeof FILE_FORMATS)[number];

  @ApiPropertyOptional({ description: 'true: import the good lines and report the bad ones; default: any bad line refuses the whole file', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  partial?: boolean;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: FILE_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(FILE_FORMATS)
  format?: (typeof FILE_FORMATS)[number];
}

export class EntryView {
  @ApiProperty() id!: number;
  @ApiProperty() bank_id!: string;
  @ApiProperty({ enum: SIGNAL_TYPES }) signal_type!: string;
  @ApiProperty() signal_value!: string;
  @ApiProperty({ type: [String] }) labels!: string[];
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty() added_by!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) deleted_at!: string | null;
  @ApiProperty({ type: String, nullable: true }) moderation_id!: string | null;
  @ApiProperty({ description: 'A CLIP image embedding is stored with it (the embedding signal)' }) has_embedding!: boolean;
}

export class EntryListView {
  @ApiProperty({ type: [EntryView] }) items!: EntryView[];
  @ApiProperty({ type: Number, nullable: true, description: 'Pass as ?after= for the next page; null at the end' }) next_after!: number | null;
}

export class AddedEntriesView {
  @ApiProperty({ type: [EntryView], description: 'Entries added (a value the bank already holds is not added again)' }) added!: EntryView[];
  @ApiProperty({ type: [EntryView], description: 'Entries the bank already held' }) existing!: EntryView[];
  @ApiPropertyOptional({ description: "The image's PDQ (hex) and quality, when hashed here" }) pdq?: string;
  @ApiPropertyOptional() pdq_quality?: number;
  @ApiPropertyOptional({ description: 'Why no PDQ entry was added (quality below the bank minimum)' }) pdq_skipped?: string;
}

export class ImportLineError {
  @ApiProperty() line!: number;
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
}

export class ImportResultView {
  @ApiProperty({ description: 'Good records in the file' }) records!: number;
  @ApiProperty({ description: 'Entries added' }) inserted!: number;
  @ApiProperty({ description: 'Records the bank already held' }) skipped!: number;
  @ApiProperty({ type: [ImportLineError] }) errors!: ImportLineError[];
  @ApiProperty() errors_truncated!: boolean;
}
