import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IfPresent, ToBoolean, ToNumber } from '../../../common/dto-transforms';
import { SampleSourceFields } from '../../dto/policy-draft.dto';

const COMMENT_DOC = { maxLength: 2000, description: 'Why; kept with the version or activation and in the audit log (the X-Change-Comment header works too)', example: 'tighten weapons after the November review' };

/** The {name} of a policy-set document. */
export class PolicySetNameParams {
  @ApiProperty({ description: 'The document name (its `name:` field)', maxLength: 200, example: 'default' })
  @IsString()
  @MaxLength(200)
  name!: string;
}

/** GET /v1/policy-sets/{name}?version= */
export class PolicySetVersionQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'A stored version number (default: the active one)', example: 3 })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  version?: number;
}

/** DELETE /v1/policy-sets/{name}?comment= */
export class ChangeCommentQueryDto {
  @ApiPropertyOptional(COMMENT_DOC)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

/** PUT /v1/policy-sets/{name}?comment=&activate= */
export class PutPolicySetQueryDto extends ChangeCommentQueryDto {
  @ApiPropertyOptional({ type: Boolean, default: true, description: 'false stores the version without serving it (true/false)' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  activate?: boolean;
}

/** POST /v1/policy-sets/{name}/activate */
export class ActivatePolicySetDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The stored version to serve (rollback: an older one)', example: 2 })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional(COMMENT_DOC)
  @IfPresent()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

/** "a,b" (a multipart text field) or ["a", "b"] (JSON). */
const toIdList = () => Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((x) => x.trim()).filter(Boolean) : value));

/** POST /v1/policy-sets/{name}/calibrate (multipart/form-data or JSON). */
export class CalibratePolicySetDto extends SampleSourceFields {
  @ApiPropertyOptional({
    type: [String],
    maxItems: 200,
    description: 'Only these policies of the document (default: all with prompts); multipart: comma-separated',
    example: ['weapons', 'tobacco'],
  })
  @IfPresent()
  @toIdList()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  policies?: string[];

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Serve the calibrated version at once (check its thresholds first: they are now probabilities)' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  activate?: boolean;

  @ApiPropertyOptional(COMMENT_DOC)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
