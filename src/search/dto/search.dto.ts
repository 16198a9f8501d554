import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsBeforeTo, IsIssuedId, IsTime, NotWith, ToInt, ToList, ToTime } from '../../common/dto-transforms';
import { POLICY_ID } from '../../policies/policy-id';

export const DECISIONS = ['allow', 'flag', 'blur', 'block'];

/** The filters and size of a search, by text, by record (GET /v1/search) or by image (POST /v1/search/image). */
export class SearchFilterFields {
  @ApiPropertyOptional({ description: 'Only these decisions, comma-separated', type: String, example: 'flag,block' })
  @IsOptional()
  @ToList()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(DECISIONS, { each: true })
  decision?: string[];

  @ApiPropertyOptional({ description: 'Only moderations in which this policy acted', example: 'weapons' })
  @IsOptional()
  @IsString()
  @Matches(POLICY_ID, { message: 'policy must be a policy id' })
  policy?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 20, description: 'How many results' })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** GET /v1/search: exactly one of q or similar_to, and optional filters. */
export class SearchQueryDto extends SearchFilterFields {
  @ApiPropertyOptional({ description: 'A text to search by (CLIP text embedding). Give this or similar_to', minLength: 1, maxLength: 500, example: 'a pistol' })
  @ValidateIf((o: SearchQueryDto) => o.q !== undefined || o.similar_to === undefined)
  @IsDefined({ message: 'give exactly one of q or similar_to' })
  @IsString()
  @Length(1, 500)
  @NotWith('similar_to')
  q?: string;

  @ApiPropertyOptional({ description: 'A moderation id: its near duplicates (by image embedding). Give this or q', format: 'uuid' })
  @IsOptional()
  @IsIssuedId()
  similar_to?: string;

  @ApiPropertyOptional({ type: String, description: 'Created at or after (ISO-8601 or epoch milliseconds)', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @ToTime()
  @IsTime()
  @IsBeforeTo()
  from?: number;

  @ApiPropertyOptional({ type: String, description: 'Created before (ISO-8601 or epoch milliseconds)', example: '2026-12-05T00:00:00Z' })
  @IsOptional()
  @ToTime()
  @IsTime()
  to?: number;
}


export class SearchModelResponse {
  @ApiProperty({ example: 'emoji-clip-demo' }) id!: string;
}

export class SearchHitResponse {
  @ApiProperty({ format: 'uuid' }) moderation_id!: string;
  @ApiProperty({ description: 'Cosine similarity to the query', example: 0.281 }) similarity!: number;
  @ApiProperty({ enum: DECISIONS }) decision!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ description: 'Name of the API key that submitted it', example: 'uploader' }) client!: string;
  @ApiProperty({ type: String, nullable: true }) external_id!: string | null;
  @ApiProperty({ description: 'SHA-256 of the image, hex' }) sha256!: string;
  @ApiProperty({ description: 'The policy-set version that decided' }) policy_set_version!: string;
}

export class SearchResponse {
  @ApiProperty({ type: SearchModelResponse }) model!: SearchModelResponse;
  @ApiProperty({ type: 'integer', description: 'Embeddings in the index', example: 1200 }) searched!: number;
  @ApiProperty({ description: 'Time the search took', example: 1.4 }) search_ms!: number;
  @ApiProperty({ type: [SearchHitResponse], description: 'Best first' }) items!: SearchHitResponse[];
}
