import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ToInt, ToList } from '../../common/dto-transforms';
import { POLICY_ID } from '../../policies/policy-id';
import { DECISIONS } from './search.dto';

/**
 * POST /v1/search/image: how many hits and which records, in the query string or, with a multipart
 * upload, as text fields beside the "image" part (a field wins over the same query parameter).
 * The same checks as GET /v1/search's filters.
 */
export class SearchByImageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 20, description: 'How many results' })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only these decisions, comma-separated', type: String, example: 'flag,block' })
  @IsOptional()
  @ToList()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(DECISIONS, { each: true })
  decision?: string[];

  @ApiPropertyOptional({ description: 'Only records in which this policy acted', example: 'weapons' })
  @IsOptional()
  @IsString()
  @Matches(POLICY_ID, { message: 'policy must be a policy id' })
  policy?: string;
}

/** The multipart form of POST /v1/search/image, for the OpenAPI document. */
export class SearchByImageForm extends SearchByImageQuery {
  @ApiPropertyOptional({ type: 'string', format: 'binary', description: 'The image (or send it as a raw image/* body)' })
  image?: unknown;
}
