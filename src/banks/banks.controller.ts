import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '../common/app-error';
import { Caller, Roles } from '../common/auth.guard';
import { AcceptsBody } from '../common/body.interceptor';
import { ApiErrors } from '../common/openapi';
import { BanksService, Ctx } from './banks.service';
import { BankDeletedView, BankIdParam, BankListView, BankView, CreateBankDto, UpdateBankDto } from './dto/bank.dto';
import { AddedEntriesView, AddEntryDto, AddImageEntryQuery, EntryListView, EntryParams, EntryView, ExportQuery, ListEntriesQuery, FromModerationDto, ImportQuery, ImportResultView } from './dto/entry.dto';

type ApiRequest = Request & { id: string; caller: Caller };
const ctx = (req: ApiRequest): Ctx => ({ caller: req.caller, requestId: req.id });

/** Bank files: CSV, or JSON lines (docs/hashing.md, "Bank files"). */
const FILE_TYPES = ['text/csv', 'application/x-ndjson', 'application/jsonl', 'application/x-jsonlines', 'text/plain'];
/** 1 M PDQ lines with labels fit (about 100 bytes a line). */
const FILE_LIMIT = 256 * 1024 * 1024;

@ApiTags('banks')
@Controller('v1/banks')
export class BanksController {
  constructor(private readonly banks: BanksService) {}

  @Post()
  @Roles('policy-admin')
  @ApiOperation({ summary: 'Create a hash bank (action, PDQ distance threshold, minimum quality, enforce or shadow, dihedral, embedding threshold)' })
  @ApiCreatedResponse({ type: BankView })
  @ApiErrors('invalid_parameter', 'conflict')
  create(@Body() dto: CreateBankDto, @Req() req: ApiRequest): Promise<BankView> {
    return this.banks.create(dto, ctx(req));
  }

  @Get()
  @Roles('policy-admin')
  @ApiOperation({ summary: 'The banks (not deleted), by name, with their live entry counts' })
  @ApiOkResponse({ type: BankListView })
  async list(): Promise<BankListView> {
    return { items: await this.banks.list() };
  }

  @Get(':id')
  @Roles('policy-admin')
  @ApiOperation({ summary: 'One bank' })
  @ApiOkResponse({ type: BankView })
  @ApiErrors('invalid_parameter', 'not_found')
  get(@Param() p: BankIdParam): Promise<BankView> {
    return this.banks.get(p.id);
  }

  @Patch(':id')
  @Roles('policy-admin')
  @ApiOperation({ summary: "Change a bank's settings (audited with before and after)" })
  @ApiOkResponse({ type: BankView })
  @ApiErrors('invalid_parameter', 'not_found', 'conflict')
  update(@Param() p: BankIdParam, @Body() dto: UpdateBankDto, @Req() req: ApiRequest): Promise<BankView> {
    return this.banks.update(p.id, dto, ctx(req));
  }

  @Delete(':id')
  @Roles('policy-admin')
  @ApiOperation({ summary: 'Delete a bank and its entries (soft: kept, marked deleted, audited; the name is free again)' })
  @ApiOkResponse({ type: BankDeletedView })
  @ApiErrors('invalid_parameter', 'not_found')
  remove(@Param() p: BankIdParam, @Req() req: ApiRequest): Promise<BankDeletedView> {
    return this.banks.remove(p.id, ctx(req));
  }

  @Get(':id/entries')
  @Roles('policy-admin')
  @ApiOperation({ summary: "A bank's live entries in id order, a page at a time (?after= the previous page's next_after)" })
  @ApiOkResponse({ type: EntryListView })
  @ApiErrors('invalid_parameter', 'not_found')
  entries(@Param() p: BankIdParam, @Query() q: ListEntriesQuery): Promise<EntryListView> {
    return this.banks.listEntries(p.id, q.after ?? 0, q.limit ?? 100);
  }

  @Post(':id/entries')
  @Roles('policy-admin')
  @ApiOperation({ summary: 'Add one hash (pdq, sha256 or md5) with labels' })
  @ApiCreatedResponse({ type: AddedEntriesView })
  @ApiErrors('invalid_parameter', 'not_found')
  addEntry(@Param() p: BankIdParam, @Body() dto: AddEntryDto, @Req() req: ApiRequest): Promise<AddedEntriesView> {
    return this.banks.addEntry(p.id, dto, ctx(req));
  }

  @Post(':id/entries/image')
  @Roles('policy-admin')
  @AcceptsBody({ image: true })
  @ApiOperation({ summary: "Add an image (raw image/* body): its PDQ (when its quality reaches the bank's minimum) and SHA-256, stored with its CLIP embedding" })
  @ApiConsumes('image/jpeg', 'image/png', 'image/webp', 'image/gif')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: AddedEntriesView })
  @ApiErrors('invalid_parameter', 'not_found', 'missing_image', 'unsupported_media_type', 'image_undecodable', 'payload_too_large', 'image_too_many_pixels', 'image_too_many_frames', 'overloaded', 'model_unavailable', 'deadline_exceeded')
  addImage(@Param() p: BankIdParam, @Query() q: AddImageEntryQuery, @Req() req: ApiRequest): Promise<AddedEntriesView> {
    if (!Buffer.isBuffer(req.body) || !req.body.length) throw new AppError('missing_image', 'send the image as the request body (Content-Type: image/*)');
    return this.banks.addImage(p.id, req.body, q, ctx(req));
  }

  @Post(':id/entries/from-moderation')
  @Roles('moderator', 'policy-admin')
  @ApiOperation({ summary: "Bank a recorded moderation's image (its PDQ, SHA-256 and embedding): the review loop; an appeal that overturns the moderation removes these entries" })
  @ApiCreatedResponse({ type: AddedEntriesView })
  @ApiErrors('invalid_parameter', 'not_found')
  fromModeration(@Param() p: BankIdParam, @Body() dto: FromModerationDto, @Req() req: ApiRequest): Promise<AddedEntriesView> {
    return this.banks.fromModeration(p.id, dto, ctx(req));
  }

  @Delete(':id/entries/:entryId')
  @Roles('policy-admin')
  @ApiOperation({ summary: 'Remove one entry (soft: marked deleted, audited)' })
  @ApiOkResponse({ type: EntryView })
  @ApiErrors('invalid_parameter', 'not_found')
  deleteEntry(@Param() p: EntryParams, @Req() req: ApiRequest): Promise<EntryView> {
    return this.banks.deleteEntry(p.id, p.entryId, ctx(req));
  }

  @Post(':id/import')
  @HttpCode(200)
  @Roles('policy-admin')
  @AcceptsBody({ text: FILE_TYPES, textLimit: FILE_LIMIT })
  @ApiOperation({ summary: 'Bulk import a bank file (CSV or JSON lines, HMA field names: signal_type, signal_value, bank, labels); values the bank holds are skipped; any bad line refuses the file unless ?partial=true' })
  @ApiConsumes(...FILE_TYPES)
  @ApiBody({ schema: { type: 'string', example: 'signal_type,signal_value,bank,labels\npdq,f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22,known-bad,spam\n' } })
  @ApiOkResponse({ type: ImportResultView })
  @ApiErrors('invalid_parameter', 'not_found', 'payload_too_large', 'unsupported_media_type')
  importFile(@Param() p: BankIdParam, @Query() q: ImportQuery, @Req() req: ApiRequest): Promise<ImportResultView> {
    if (typeof req.body !== 'string') throw new AppError('unsupported_media_type', `send the bank file as text: Content-Type ${FILE_TYPES.join(', ')}`, { accepted: FILE_TYPES });
    const type = (req.header('content-type') ?? '').toLowerCase();
    const format = q.format ?? (type.startsWith('text/csv') ? 'csv' : type.includes('json') ? 'jsonl' : null);
    if (!format) throw new AppError('invalid_parameter', 'say the file format: ?format=csv or ?format=jsonl (or Content-Type text/csv, application/x-ndjson)', { field: 'format', errors: [{ field: 'format', constraint: 'isIn', message: 'format must be csv or jsonl' }] });
    return this.banks.importFile(p.id, req.body, format, q.partial === true, ctx(req));
  }

  @Get(':id/export')
  @Roles('policy-admin')
  @ApiOperation({ summary: "A bank's live entries as a bank file (CSV by default, or ?format=jsonl), importable here or into HMA" })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: 'The bank file', schema: { type: 'string' } })
  @ApiErrors('invalid_parameter', 'not_found')
  async exportFile(@Param() p: BankIdParam, @Query() q: ExportQuery, @Res() res: Response): Promise<void> {
    const format = q.format ?? 'csv';
    const bank = await this.banks.get(p.id);
    res.status(200).type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${bank.name.replace(/[^\w.-]/g, '_')}.${format}"`);
    await this.banks.exportFile(p.id, format, (chunk) => {
      if (!res.write(chunk)) return new Promise<void>((resolve) => res.once('drain', () => resolve()));
    });
    res.end();
  }
}
