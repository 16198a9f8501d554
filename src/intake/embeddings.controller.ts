import { Controller, HttpCode, Inject, Post, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ClipService } from '../clip/clip.service';
import { AppError } from '../common/app-error';
import { Roles } from '../common/auth.guard';
import { AcceptsBody } from '../common/body.interceptor';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { ApiErrors } from '../common/openapi';
import { MediaService } from '../media/media.service';
import { EmbeddingsFormFieldsDto, EmbeddingsJsonBodyDto, EmbeddingsResponse } from './dto/embeddings.dto';
import { imageRequestBody } from './dto/image-body.openapi';
import { formFields, imageFromJson, jsonBody, rawImage, requireBodyForm } from './image-request';
import { appErrorOfClip } from '../engine/engine-errors';

function vec(v: Float32Array): number[] {
  return Array.from(v, (x) => Math.round(x * 1e7) / 1e7);
}

@ApiTags('embeddings')
@Controller('v1/embeddings')
export class EmbeddingsController {
  constructor(
    private readonly clip: ClipService,
    private readonly media: MediaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('ingest', 'moderator', 'policy-admin')
  @AcceptsBody({ image: true })
  @UseInterceptors(FileInterceptor('image'))
  @ApiExtraModels(EmbeddingsJsonBodyDto, EmbeddingsFormFieldsDto)
  @ApiOperation({
    summary: 'CLIP embeddings of one image or of texts',
    description: 'L2-normalised embeddings of one image (multipart file part "image", raw image/* body, or JSON {"image_base64"}) or of a list of texts (JSON {"texts": [...]})',
    requestBody: imageRequestBody({ description: 'One image, or JSON texts', jsonDto: EmbeddingsJsonBodyDto, formDto: EmbeddingsFormFieldsDto, filePart: 'image' }),
  })
  @ApiOkResponse({ type: EmbeddingsResponse, description: 'One embedding per text, or one for the image' })
  @ApiErrors(
    'bad_request',
    'invalid_json',
    'missing_image',
    'invalid_base64',
    'invalid_parameter',
    'payload_too_large',
    'image_too_many_pixels',
    'image_too_many_frames',
    'image_too_complex',
    'unsupported_media_type',
    'image_undecodable',
    'rate_limited',
    'overloaded',
    'model_unavailable',
    'deadline_exceeded',
  )
  async create(@Req() req: Request, @UploadedFile() file?: Express.Multer.File): Promise<EmbeddingsResponse> {
    const missing = 'send an image (multipart "image", raw image/*, or {"image_base64"}) or {"texts": [...]}';
    switch (requireBodyForm(req, ['multipart', 'raw', 'json'], 'send multipart/form-data, image/*, or application/json')) {
      case 'multipart':
        await formFields(req, EmbeddingsFormFieldsDto);
        if (!file) throw new AppError('missing_image', missing);
        return this.image(file.buffer);
      case 'raw':
        return this.image(rawImage(req));
      case 'json': {
        const body = await jsonBody(req, EmbeddingsJsonBodyDto, 'JSON body must be an object');
        if (body.texts) return this.texts(body.texts);
        return this.image(imageFromJson({ image_base64: body.image_base64 }, this.media, missing).data!);
      }
    }
  }

  private async texts(texts: string[]): Promise<EmbeddingsResponse> {
    const vectors = await this.clip.embedTexts(texts);
    return {
      model: { id: this.clip.model.id, dim: this.clip.model.projectionDim },
      data: vectors.map((v, i) => ({ text: texts[i], truncated: this.clip.tokenize(texts[i]).truncated, embedding: vec(v) })),
    };
  }

  private async image(data: Buffer): Promise<EmbeddingsResponse> {
    const image = await this.media.intake(data);
    try {
      const e = await this.clip.embedImage(this.media.frameInput(image, 0), { deadlineMs: this.config.reliability.deadlineMs });
      return { model: { id: this.clip.model.id, dim: this.clip.model.projectionDim }, data: [{ sha256: image.sha256, embedding: vec(e.embedding) }] };
    } catch (err) {
      throw appErrorOfClip(err);
    }
  }
}
