import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class RecordsByHashQuery {
  @ApiPropertyOptional({ description: 'PDQ hash (64 hex digits): records within `distance` bits' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(/^[0-9a-f]{64}$/, { message: 'pdq must be 64 hex digits' })
  pdq?: string;

  @ApiPropertyOptional({ description: 'SHA-256 of the bytes (64 hex digits): byte-identical records' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 hex digits' })
  sha256?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 128, default: 31, description: 'Hamming distance (bits of 256)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(128)
  distance?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class RecordByHashView {
  @ApiProperty() moderation_id!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty() decision!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty({ type: String, nullable: true }) pdq!: string | null;
  @ApiProperty({ type: Number, nullable: true }) pdq_quality!: number | null;
  @ApiProperty({ description: 'Hamming distance to the query (0 for a SHA-256 query)' }) distance!: number;
}

export class RecordsByHashView {
  @ApiProperty({ type: [RecordByHashView], description: 'Nearest first' }) items!: RecordByHashView[];
  @ApiProperty({ description: 'Records scanned' }) scanned!: number;
}
