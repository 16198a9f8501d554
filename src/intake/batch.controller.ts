import { Controller, HttpCode, Post, Query, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Caller, Roles } from '../common/auth.guard';
import { AcceptsBody } from '../common/body.interceptor';
import { ApiErrors } from '../common/openapi';
import { sendReply } from '../common/reply';
import { BatchResponse } from '../jobs/dto/moderation-view.response';
import { BatchImagesInterceptor } from './batch-images.interceptor';
import { BatchService } from './batch.service';
import { BatchFormFieldsDto, BatchJsonBodyDto, BatchOptionsDto } from './dto/batch.dto';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER, PREFER_HEADER } from './dto/headers.openapi';
import { imageRequestBody } from './dto/image-body.openapi';

type ApiRequest = Request & { id: string; caller: Caller };

/** POST /v1/moderations/batch: several images, each answered on its own (src/intake/batch.service.ts). */
@ApiTags('moderation')
@Controller('v1/moderations')
export class BatchController {
  constructor(private readonly batches: BatchService) {}

  @Post('batch')
  @HttpCode(200)
  @Roles('ingest')
  @AcceptsBody({ image: true })
  @UseInterceptors(BatchImagesInterceptor)
  @ApiExtraModels(BatchJsonBodyDto, BatchFormFieldsDto)
  @ApiOperation({
    // The operation id it had while the route lived in JobsController: generated clients keep working.
    operationId: 'Jobs_batch',
    summary: 'Moderate several images',
    description:
      'Multipart file parts "images", or JSON {"items": [{"image_base64"} | {"url"}, ...]} where an item may carry its own options. Each item is answered on its own: a bad item gets its error and the others their decisions. "async": true (or Prefer: respond-async) queues them (202).',
    requestBody: imageRequestBody({ description: 'Up to BATCH_MAX_ITEMS images', jsonDto: BatchJsonBodyDto, formDto: BatchFormFieldsDto, filePart: 'images', fileArray: true, raw: false }),
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiHeader(PREFER_HEADER)
  @ApiOkResponse({ type: BatchResponse, description: 'Every item decided or failed', headers: IDEMPOTENT_REPLAYED_HEADER })
  @ApiAcceptedResponse({ type: BatchResponse, description: 'Async: the good items queued (status 202 each), the bad ones with their errors', headers: IDEMPOTENT_REPLAYED_HEADER })
  @ApiErrors(
    'bad_request',
    'invalid_json',
    'missing_image',
    'invalid_parameter',
    'idempotency_key_in_use',
    'payload_too_large',
    'too_many_items',
    'unsupported_media_type',
    'idempotency_key_reused',
    'rate_limited',
    'internal_error',
    'overloaded',
  )
  async batch(@Req() req: ApiRequest, @Res() res: Response, @Query() query: BatchOptionsDto, @UploadedFiles() files?: Express.Multer.File[]): Promise<void> {
    sendReply(res, await this.batches.handle(req, files, query));
  }
}
