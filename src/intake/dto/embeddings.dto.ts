import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { NotWith } from '../../common/dto-transforms';

export const MAX_TEXTS = 256;
export const MAX_TEXT_CHARS = 2000;

/** POST /v1/embeddings as JSON: texts, or one image as base64. */
export class EmbeddingsJsonBodyDto {
  @ApiPropertyOptional({ description: `Texts to embed (1..${MAX_TEXTS}, each 1..${MAX_TEXT_CHARS} characters). Give this or image_base64`, type: [String], minItems: 1, maxItems: MAX_TEXTS, example: ['a photo of a handgun'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TEXTS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(MAX_TEXT_CHARS, { each: true })
  @NotWith('image_base64')
  texts?: string[];

  @ApiPropertyOptional({ description: 'One image as base64 (a data: URL prefix is accepted)', format: 'byte' })
  @IsOptional()
  @IsString()
  image_base64?: string;
}

/** A multipart body carries only the file part "image": no other fields. */
export class EmbeddingsFormFieldsDto {}

export class EmbeddingModelResponse {
  @ApiProperty({ example: 'emoji-clip-demo' }) id!: string;
  @ApiProperty({ type: 'integer', description: 'Length of every embedding', example: 512 }) dim!: number;
}

export class EmbeddingItemResponse {
  @ApiPropertyOptional({ description: 'Texts: the text embedded' }) text?: string;
  @ApiPropertyOptional({ description: "Texts: whether it was cut to the tokenizer's maximum length" }) truncated?: boolean;
  @ApiPropertyOptional({ description: 'Images: SHA-256 of the image bytes, hex' }) sha256?: string;
  @ApiProperty({ type: [Number], description: 'L2-normalised embedding (7 decimals)' }) embedding!: number[];
}

export class EmbeddingsResponse {
  @ApiProperty({ type: EmbeddingModelResponse }) model!: EmbeddingModelResponse;
  @ApiProperty({ type: [EmbeddingItemResponse], description: 'One entry per text, in order, or one for the image' }) data!: EmbeddingItemResponse[];
}
