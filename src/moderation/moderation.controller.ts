import { Controller, HttpCode, Inject, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '../common/app-error';
import { Caller, Roles } from '../common/auth.guard';
import { MediaService } from '../media/media.service';
import { ModerationService } from './moderation.service';
import { BlurOutput } from './moderation.types';
import { parseModerationParams } from './moderation.params';

type ApiRequest = Request & { id: string; caller: Caller };

@ApiTags('moderation')
@Controller('v1/moderations')
export class ModerationController {
  constructor(
    private readonly moderation: ModerationService,
    @Inject(MediaService) private readonly media: MediaService,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('ingest')
  @UseInterceptors(FileInterceptor('image'))
  @ApiOperation({ summary: 'Moderate one image (multipart field "image", raw image/* body, or JSON {image_base64})' })
  @ApiConsumes('multipart/form-data', 'image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/json')
  @ApiBody({ schema: { type: 'object', properties: { image: { type: 'string', format: 'binary' }, image_base64: { type: 'string' }, policies: { type: 'string' }, blur: { type: 'string', enum: ['none', 'inline', 'always', 'image'] }, external_id: { type: 'string' } } } })
  @ApiOkResponse({ description: 'The decision with per-policy evidence, model id, policy-set version, image facts and timings' })
  async create(@Req() req: ApiRequest, @Res() res: Response, @UploadedFile() file?: Express.Multer.File): Promise<void> {
    const { data, fields } = this.extract(req, file);
    const params = parseModerationParams({ ...req.query, ...fields });
    const outcome = await this.moderation.moderate(data, {
      ...params,
      client: req.caller.name,
      requestId: req.id,
    });
    if (outcome.image) {
      res.setHeader('X-Moderation-Id', outcome.body.id);
      res.setHeader('X-Moderation-Decision', outcome.body.decision);
      res.setHeader('X-Policy-Set-Version', outcome.body.policy_set.version);
      res.status(200).type(outcome.image.contentType).send(outcome.image.data);
      return;
    }
    res.status(200).json(outcome.body);
  }

  /** One image from whichever of the three input forms the request used. */
  private extract(req: ApiRequest, file?: Express.Multer.File): { data: Buffer; fields: Record<string, unknown> } {
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (type.startsWith('multipart/form-data')) {
      if (!file) throw new AppError('missing_image', 'multipart body has no file in the "image" field');
      return { data: file.buffer, fields: (req.body as Record<string, unknown>) ?? {} };
    }
    if (type.startsWith('image/') || type.startsWith('application/octet-stream')) {
      if (!Buffer.isBuffer(req.body)) throw new AppError('missing_image', 'request body is empty');
      return { data: req.body, fields: {} };
    }
    if (type.startsWith('application/json')) {
      const body = req.body as Record<string, unknown> | undefined;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('bad_request', 'JSON body must be an object');
      if (body.image_base64 === undefined) throw new AppError('missing_image', 'JSON body needs "image_base64"');
      const { image_base64, ...fields } = body;
      return { data: this.media.decodeBase64(image_base64), fields };
    }
    throw new AppError('unsupported_media_type', `unsupported Content-Type "${type || '(none)'}"; send multipart/form-data, image/*, or application/json`);
  }
}

export type { BlurOutput };
