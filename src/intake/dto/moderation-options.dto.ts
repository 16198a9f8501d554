import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import type { BlurOutput } from '../../moderation/moderation.types';
import { IsAbsoluteUrl, NotWith, ToBoolean, ToList } from '../../common/dto-transforms';
import { POLICY_ID } from '../../policies/policy-id';

export const BLUR_OUTPUTS: BlurOutput[] = ['none', 'inline', 'always', 'image'];
export const MAX_URL_CHARS = 4096;

const ASYNC_DOC = { description: 'true: queue the moderation and answer 202 with a job id (as Prefer: respond-async)', type: Boolean, example: false };

/**
 * Options of one moderation, from the query string, the fields of a multipart body or a JSON body
 * (a field of the body wins over the same query parameter). Every image input form shares them.
 */
export class ModerationCommonOptionsDto {
  @ApiPropertyOptional({
    description: 'Only these policies decide (all active ones when absent): a comma-separated list in a query string or form field, or an array in JSON',
    oneOf: [{ type: 'string', example: 'weapons,alcohol' }, { type: 'array', items: { type: 'string', pattern: POLICY_ID.source }, maxItems: 100 }],
    example: 'weapons,alcohol',
  })
  @IsOptional()
  @ToList()
  @IsArray()
  @ArrayNotEmpty({ message: 'policies must list at least one policy id' })
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(POLICY_ID, { each: true, message: 'each of policies must be a policy id (a-z, 0-9, _ and -, at most 64 characters)' })
  policies?: string[];

  @ApiPropertyOptional({
    description:
      'Blurred rendition: none; inline (base64 in the answer when the decision is blur); always (base64 in every answer); image (the blurred image itself is the answer body, synchronous single moderations only)',
    enum: BLUR_OUTPUTS,
    default: 'none',
  })
  @IsOptional()
  @IsIn(BLUR_OUTPUTS)
  blur?: BlurOutput;

  @ApiPropertyOptional({ description: "The caller's own id for the image (kept with the record, echoed in the answer and in webhooks)", minLength: 1, maxLength: 256, example: 'post-8812' })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  external_id?: string;

  /** Declared by each subclass: text in a query string or form, a JSON boolean in JSON. */
  async?: boolean;
}

/** The options as a query string or multipart form fields carry them: async as the text true or false. */
export class ModerationOptionsDto extends ModerationCommonOptionsDto {
  @ApiPropertyOptional({ ...ASYNC_DOC, description: `${ASYNC_DOC.description}. Only true or false` })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  declare async?: boolean;
}

/** POST /v1/moderations with Content-Type application/json: the image as base64, or a URL to fetch. */
export class ModerationJsonBodyDto extends ModerationCommonOptionsDto {
  @ApiPropertyOptional({ ...ASYNC_DOC, description: `${ASYNC_DOC.description}. A JSON boolean` })
  @IsOptional()
  @IsBoolean()
  declare async?: boolean;

  @ApiPropertyOptional({ description: 'The image bytes as base64 (a data: URL prefix is accepted). Give this or url', format: 'byte', example: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' })
  @IsOptional()
  @IsString()
  @NotWith('url')
  image_base64?: string;

  @ApiPropertyOptional({ description: 'An http(s) URL the service fetches the image from (public addresses only, unless FETCH_ALLOW_CIDRS allows others). Give this or image_base64', maxLength: MAX_URL_CHARS, example: 'https://images.example.com/uploads/8812.jpg' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_URL_CHARS)
  @IsAbsoluteUrl()
  url?: string;
}

/** The form fields of a multipart body (the image is the file part "image"). */
export class ModerationFormFieldsDto extends ModerationOptionsDto {}
