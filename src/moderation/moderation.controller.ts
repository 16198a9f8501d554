import { Controller, HttpCode, Inject, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '../common/app-error';
import { Caller, Roles } from '../common/auth.guard';
import { AcceptsBody } from '../common/body.interceptor';
import { MediaService } from '../media/media.service';
import { UrlImageFetcher } from '../fetch/url-image-fetcher';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { sendReply } from '../idempotency/reply';
import { requestFingerprint, wantsAsync } from '../jobs/request-options';
import { Submission, SubmissionService } from '../jobs/submission.service';
import { parseModerationParams } from './moderation.params';

type ApiRequest = Request & { id: string; caller: Caller };

@ApiTags('moderation')
@Controller('v1/moderations')
export class ModerationController {
  constructor(
    @Inject(MediaService) private readonly media: MediaService,
    @Inject(SubmissionService) private readonly submissions: SubmissionService,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('ingest')
  @AcceptsBody({ image: true })
  @UseInterceptors(FileInterceptor('image'))
  @ApiOperation({ summary: 'Moderate one image (multipart field "image", raw image/* body, JSON {image_base64} or {url}); "async": true or Prefer: respond-async answers 202 with a job id; Idempotency-Key makes retries safe' })
  @ApiConsumes('multipart/form-data', 'image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/json')
  @ApiBody({ schema: { type: 'object', properties: { image: { type: 'string', format: 'binary' }, image_base64: { type: 'string' }, url: { type: 'string' }, async: { type: 'boolean' }, policies: { type: 'string' }, blur: { type: 'string', enum: ['none', 'inline', 'always', 'image'] }, external_id: { type: 'string' } } } })
  @ApiOkResponse({ description: 'The decision with per-policy evidence, model id, policy-set version, image facts and timings' })
  async create(@Req() req: ApiRequest, @Res() res: Response, @UploadedFile() file?: Express.Multer.File): Promise<void> {
    const { data, url, fields } = this.extract(req, file);
    const all = { ...req.query, ...fields };
    const submission: Submission = {
      data,
      url,
      params: parseModerationParams(all),
      async: wantsAsync(req.header('prefer'), all.async),
      client: req.caller.name,
      requestId: req.id,
    };
    // Async (202 + job id), URL intake and Idempotency-Key live in src/jobs and src/idempotency.
    const key = IdempotencyService.validKey(req.header('idempotency-key'));
    const reply = key
      ? await this.idempotency.run(req.caller.name, key, requestFingerprint('moderate', [submission]), (id) => this.submissions.submit({ ...submission, id }))
      : await this.submissions.submit(submission);
    sendReply(res, reply);
  }

  /** One image from whichever of the three input forms the request used. */
  private extract(req: ApiRequest, file?: Express.Multer.File): { data?: Buffer; url?: string; fields: Record<string, unknown> } {
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
      if (body.url !== undefined && body.image_base64 === undefined) {
        const { url, ...fields } = body;
        return { url: UrlImageFetcher.validate(url), fields };
      }
      if (body.image_base64 === undefined) throw new AppError('missing_image', 'JSON body needs "image_base64" or "url"');
      const { image_base64, ...fields } = body;
      return { data: this.media.decodeBase64(image_base64), fields };
    }
    throw new AppError('unsupported_media_type', `unsupported Content-Type "${type || '(none)'}"; send multipart/form-data, image/*, or application/json`);
  }
}

