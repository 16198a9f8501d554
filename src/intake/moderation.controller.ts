import { Controller, HttpCode, Inject, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '../common/app-error';
import { Caller, Roles } from '../common/auth.guard';
import { AcceptsBody } from '../common/body.interceptor';
import { ApiErrors } from '../common/openapi';
import { MediaService } from '../media/media.service';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { sendReply } from '../common/reply';
import { requestFingerprint, wantsAsync } from './request-options';
import { Submission, SubmissionService } from './submission.service';
import { imageRequestBody } from './dto/image-body.openapi';
import { formFields, imageFromJson, jsonBody, rawImage, requireBodyForm } from './image-request';
import { ModerationFormFieldsDto, ModerationJsonBodyDto, ModerationOptionsDto } from './dto/moderation-options.dto';
import { ModerationAcceptedResponse, ModerationResponse } from '../moderation/dto/moderation.response';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER, LOCATION_HEADER, PREFER_HEADER } from './dto/headers.openapi';
import { mergeOptions, moderationParams } from './moderation.params';

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
  @ApiExtraModels(ModerationJsonBodyDto, ModerationFormFieldsDto)
  @ApiOperation({
    summary: 'Moderate one image',
    description:
      'The image as a multipart file part "image", a raw image/* (or application/octet-stream) body, JSON {"image_base64"} or JSON {"url"}. ' +
      'Options (policies, blur, external_id, async) come from the query string or from the body (a body field wins). ' +
      '"async": true or Prefer: respond-async queues it (202 with a job id); Idempotency-Key makes retries safe.',
    requestBody: imageRequestBody({ description: 'One image, in one of four forms', jsonDto: ModerationJsonBodyDto, formDto: ModerationFormFieldsDto, filePart: 'image' }),
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiHeader(PREFER_HEADER)
  @ApiOkResponse({
    description: 'The decision with per-policy evidence, model id, policy-set version, image facts and timings; with blur=image the blurred image itself',
    headers: {
      ...IDEMPOTENT_REPLAYED_HEADER,
      'X-Moderation-Id': { description: 'blur=image only: the moderation id', schema: { type: 'string', format: 'uuid' } },
      'X-Moderation-Decision': { description: 'blur=image only: the decision', schema: { type: 'string', enum: ['allow', 'flag', 'blur', 'block'] } },
      'X-Policy-Set-Version': { description: 'blur=image only: the policy-set version', schema: { type: 'string' } },
    },
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ModerationResponse) } },
      'image/jpeg': { schema: { type: 'string', format: 'binary' } },
      'image/png': { schema: { type: 'string', format: 'binary' } },
      'image/webp': { schema: { type: 'string', format: 'binary' } },
      'image/gif': { schema: { type: 'string', format: 'binary' } },
      'image/avif': { schema: { type: 'string', format: 'binary' } },
      'image/tiff': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiExtraModels(ModerationResponse)
  @ApiAcceptedResponse({ type: ModerationAcceptedResponse, description: 'Queued (async): poll status_url', headers: { ...LOCATION_HEADER, ...IDEMPOTENT_REPLAYED_HEADER } })
  @ApiErrors(
    'bad_request',
    'invalid_json',
    'missing_image',
    'invalid_base64',
    'invalid_parameter',
    'idempotency_key_in_use',
    'payload_too_large',
    'image_too_many_pixels',
    'image_too_many_frames',
    'image_too_complex',
    'unsupported_media_type',
    'image_undecodable',
    'idempotency_key_reused',
    'url_not_allowed',
    'url_fetch_failed',
    'rate_limited',
    'internal_error',
    'overloaded',
    'model_unavailable',
    'deadline_exceeded',
  )
  async create(@Req() req: ApiRequest, @Res() res: Response, @Query() query: ModerationOptionsDto, @UploadedFile() file?: Express.Multer.File): Promise<void> {
    const { data, url, options } = await this.extract(req, file);
    const all = mergeOptions(query, options);
    const submission: Submission = {
      data,
      url,
      params: moderationParams(all),
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

  /** One image from whichever of the input forms the request used, and the options its body carried. */
  private async extract(req: ApiRequest, file?: Express.Multer.File): Promise<{ data?: Buffer; url?: string; options?: ModerationOptionsDto }> {
    switch (requireBodyForm(req, ['multipart', 'raw', 'json'], 'send multipart/form-data, image/*, or application/json')) {
      case 'multipart': {
        const options = await formFields(req, ModerationFormFieldsDto);
        if (!file) throw new AppError('missing_image', 'multipart body has no file in the "image" field');
        return { data: file.buffer, options };
      }
      case 'raw':
        return { data: rawImage(req) };
      case 'json': {
        const { image_base64, url, ...options } = await jsonBody(req, ModerationJsonBodyDto, 'JSON body must be an object');
        return { ...imageFromJson({ image_base64, url }, this.media, 'JSON body needs "image_base64" or "url"'), options };
      }
    }
  }
}
