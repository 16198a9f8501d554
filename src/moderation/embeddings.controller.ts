import { Body, Controller, HttpCode, Inject, Post, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ClipService } from '../clip/clip.service';
import { ClipError } from '../clip/clip.types';
import { AppError, ErrorCode } from '../common/app-error';
import { Roles } from '../common/auth.guard';
import { AcceptsBody } from '../common/body.interceptor';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { MediaService } from '../media/media.service';

const MAX_TEXTS = 256;
const MAX_TEXT_CHARS = 2000;

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
  @ApiOperation({ summary: 'L2-normalised CLIP embeddings of one image (multipart/raw/base64) or a list of texts ({"texts": [...]})' })
  async create(@Req() req: Request, @Body() body: unknown, @UploadedFile() file?: Express.Multer.File) {
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    const json = type.startsWith('application/json') && body && typeof body === 'object' ? (body as Record<string, unknown>) : undefined;
    if (json && json.texts !== undefined) {
      const texts = json.texts;
      if (!Array.isArray(texts) || texts.length === 0 || texts.length > MAX_TEXTS || !texts.every((t) => typeof t === 'string' && t.length > 0 && t.length <= MAX_TEXT_CHARS)) {
        throw new AppError('invalid_parameter', `texts must be 1..${MAX_TEXTS} non-empty strings of at most ${MAX_TEXT_CHARS} characters`);
      }
      const vectors = await this.clip.embedTexts(texts as string[]);
      return {
        model: { id: this.clip.model.id, dim: this.clip.model.projectionDim },
        data: vectors.map((v, i) => ({ text: texts[i], truncated: this.clip.tokenize(texts[i] as string).truncated, embedding: vec(v) })),
      };
    }
    let data: Buffer;
    if (file) data = file.buffer;
    else if (Buffer.isBuffer(body)) data = body;
    else if (json && json.image_base64 !== undefined) data = this.media.decodeBase64(json.image_base64);
    else throw new AppError('missing_image', 'send an image (multipart "image", raw image/*, or {"image_base64"}) or {"texts": [...]}');
    const image = await this.media.intake(data);
    try {
      const e = await this.clip.embedImage(this.media.frameInput(image, 0), { deadlineMs: this.config.reliability.deadlineMs });
      return { model: { id: this.clip.model.id, dim: this.clip.model.projectionDim }, data: [{ sha256: image.sha256, embedding: vec(e.embedding) }] };
    } catch (err) {
      if (err instanceof ClipError) {
        if (err.code === 'invalid_image') throw new AppError('image_undecodable', err.message);
        throw new AppError(err.code as ErrorCode, err.message, undefined, 1);
      }
      throw err;
    }
  }
}
