import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import { ModerationJsonBodyDto, ModerationOptionsDto } from './moderation-options.dto';
import type { BlurOutput } from '../../moderation/moderation.types';

/** blur=image answers with the image itself, which a batch (one JSON answer for many images) cannot. */
export const BATCH_BLUR_OUTPUTS: BlurOutput[] = ['none', 'inline', 'always'];

const BLUR_DOC = { description: 'Blurred rendition in each item\'s result: none, inline (when the decision is blur) or always (blur=image is not available in a batch)', enum: BATCH_BLUR_OUTPUTS, default: 'none' };

/** Options shared by every item of a batch (query string, form fields or JSON; an item may override them). */
export class BatchOptionsDto extends OmitType(ModerationOptionsDto, ['blur'] as const) {
  @ApiPropertyOptional(BLUR_DOC)
  @IsOptional()
  @IsIn(BATCH_BLUR_OUTPUTS)
  blur?: BlurOutput;
}

/** One item of a JSON batch: an image (base64 or URL) and its own options. */
export class BatchItemDto extends OmitType(ModerationJsonBodyDto, ['blur', 'async'] as const) {
  @ApiPropertyOptional(BLUR_DOC)
  @IsOptional()
  @IsIn(BATCH_BLUR_OUTPUTS)
  blur?: BlurOutput;
}

/**
 * POST /v1/moderations/batch as JSON. Each item is validated on its own (BatchItemDto): a bad item
 * gets its own 400 in the answer and the others their decisions.
 */
export class BatchJsonBodyDto extends OmitType(ModerationJsonBodyDto, ['blur', 'image_base64', 'url'] as const) {
  @ApiPropertyOptional(BLUR_DOC)
  @IsOptional()
  @IsIn(BATCH_BLUR_OUTPUTS)
  blur?: BlurOutput;

  @ApiProperty({ type: [BatchItemDto], description: 'The images, each {"image_base64"} or {"url"} with optional own options (at most BATCH_MAX_ITEMS)', minItems: 1 })
  @IsArray()
  items!: unknown[];
}

/** The form fields of a multipart batch (the images are the file parts "images"). */
export class BatchFormFieldsDto extends BatchOptionsDto {}
