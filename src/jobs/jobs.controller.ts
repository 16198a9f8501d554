import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '../common/app-error';
import { Caller, Roles } from '../common/auth.guard';
import { AcceptsBody } from '../common/body.interceptor';
import { sendReply } from '../idempotency/reply';
import { recordView, RecordsService } from '../records/records.service';
import { BatchService } from './batch.service';
import { jobView } from './job-view';
import { JobsRepository } from './jobs.repository';

type ApiRequest = Request & { id: string; caller: Caller };

const privileged = (c: Caller) => c.roles.includes('admin') || c.roles.includes('moderator');

/**
 * GET /v1/moderations/{id} for async moderations (status and result), falling back to the stored
 * record for synchronous ones; and POST /v1/moderations/batch. Registered before RecordsModule's
 * controller (see app.module.ts) so this route answers first.
 */
@ApiTags('moderation')
@Controller('v1/moderations')
export class JobsController {
  constructor(
    private readonly jobs: JobsRepository,
    @Inject(RecordsService) private readonly records: RecordsService,
    private readonly batches: BatchService,
  ) {}

  @Get(':id')
  @Roles('ingest', 'moderator')
  @ApiOperation({ summary: 'An async moderation: status (queued, running, succeeded, failed) and, when done, the result; for synchronous moderations the stored record (moderator role)' })
  async get(@Param('id') id: string, @Req() req: ApiRequest) {
    const job = await this.jobs.get(id);
    if (job && (privileged(req.caller) || job.client === req.caller.name)) return jobView(job);
    if (!privileged(req.caller)) throw new AppError(job ? 'not_found' : 'forbidden', job ? `moderation ${id} does not exist` : 'reading stored records needs the moderator role', { moderation_id: id });
    return recordView(await this.records.get(id));
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
