import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Caller, Roles } from '../common/auth.guard';
import { AcceptsBody } from '../common/body.interceptor';
import { sendReply } from '../idempotency/reply';
import { BatchService } from './batch.service';
import { ModerationReader } from './moderation-reader.service';

type ApiRequest = Request & { id: string; caller: Caller };

/** GET /v1/moderations/{id} (the one declaration of that route) and POST /v1/moderations/batch. */
@ApiTags('moderation')
@Controller('v1/moderations')
export class JobsController {
  constructor(
    private readonly reader: ModerationReader,
    private readonly batches: BatchService,
  ) {}

  @Get(':id')
  @Roles('ingest', 'moderator')
  @ApiOperation({
    summary:
      'One moderation, sync or async: status (queued, running, succeeded, failed), the decision with every policy score, model and policy-set version once decided, and for async ones attempts, result and error. Moderators read all; an ingest key its own async moderations',
  })
  get(@Param('id') id: string, @Req() req: ApiRequest) {
    return this.reader.get(id, req.caller);
  }

  @Post('batch')
  @HttpCode(200)
  @Roles('ingest')
  @AcceptsBody({ image: true })
  @UseInterceptors(FilesInterceptor('images'))
  @ApiOperation({ summary: 'Moderate several images: multipart parts "images" or JSON {"items": [{"image_base64"}|{"url"}]}; per-item results; "async": true queues them (202)' })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ schema: { type: 'object', properties: { images: { type: 'array', items: { type: 'string', format: 'binary' } }, items: { type: 'array', items: { type: 'object' } }, async: { type: 'boolean' } } } })
  async batch(@Req() req: ApiRequest, @Res() res: Response, @UploadedFiles() files?: Express.Multer.File[], @Body() _body?: unknown): Promise<void> {
    sendReply(res, await this.batches.handle(req, files));
  }
}
