import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { Request } from 'express';
import { AppError } from '../common/app-error';
import type { Caller } from '../common/auth.guard';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { jsonReply, Reply } from '../common/reply';
import { MediaService } from '../media/media.service';
import { fieldError, prefixFieldErrors, validateDto } from '../common/validate-dto';
import { formFields, imageFromJson, jsonBody, requireBodyForm } from './image-request';
import { mergeOptions, moderationParams } from './moderation.params';
import { BatchFormFieldsDto, BatchItemDto, BatchJsonBodyDto, BatchOptionsDto } from './dto/batch.dto';
import { requestFingerprint, wantsAsync } from './request-options';
import { Submission, SubmissionService } from './submission.service';

type ApiRequest = Request & { id: string; caller: Caller };
type Parsed = { ok: true; sub: Submission } | { ok: false; error: AppError };

interface ItemResult {
  index: number;
  status: number;
  id?: string;
  result?: unknown;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

const errorOf = (e: unknown) =>
  e instanceof AppError ? { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } : { code: 'internal_error', message: 'internal error' };
const statusOf = (e: unknown) => (e instanceof AppError ? e.status : 500);

/**
 * POST /v1/moderations/batch: up to BATCH_MAX_ITEMS images (multipart parts named "images", or JSON
 * {"items": [{"image_base64"} | {"url"}, ...]}), each answered on its own: one bad item gets its own
 * error and the others their decisions. Shared options apply to every item; an item may override them.
 */
@Injectable()
export class BatchService {
  private readonly maxItems: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly submissions: SubmissionService,
    private readonly idempotency: IdempotencyService,
    private readonly media: MediaService,
  ) {
    this.maxItems = config.batch.maxItems;
  }

  async handle(req: ApiRequest, files: Express.Multer.File[] | undefined, query: BatchOptionsDto): Promise<Reply> {
    const { parsed, shared } = await this.parse(req, files ?? [], query);
    const isAsync = wantsAsync(req.header('prefer'), shared.async);
    for (const p of parsed) if (p.ok) p.sub.async = isAsync;
    const work = (reservedId: string) => (isAsync ? this.queue(parsed, reservedId) : this.run(parsed, reservedId));
    const key = IdempotencyService.validKey(req.header('idempotency-key'));
    if (!key) return work(randomUUID());
    const print = requestFingerprint('batch', parsed.map((p, i) => (p.ok ? p.sub : { params: { blur: 'none' as const }, async: isAsync, url: `invalid:${i}:${p.error.code}` })));
    return this.idempotency.run(req.caller.name, key, print, work);
  }

  private async parse(req: ApiRequest, files: Express.Multer.File[], query: BatchOptionsDto): Promise<{ parsed: Parsed[]; shared: BatchOptionsDto }> {
    const base = { client: req.caller.name, requestId: req.id, async: false };
    let shared: BatchOptionsDto;
    let raw: { data?: Buffer; item?: unknown }[];
    if (requireBodyForm(req, ['multipart', 'json'], 'send multipart/form-data (parts named "images") or application/json {"items": [...]}') === 'multipart') {
      shared = mergeOptions(query, await formFields(req, BatchFormFieldsDto));
      raw = files.map((f) => ({ data: f.buffer }));
    } else {
      const { items, ...rest } = await jsonBody(req, BatchJsonBodyDto, 'JSON body must be {"items": [{"image_base64": ...} | {"url": ...}, ...]}');
      shared = mergeOptions(query, rest);
      raw = items.map((item) => ({ item }));
    }
    if (raw.length === 0) throw new AppError('missing_image', 'the batch has no items');
    if (raw.length > this.maxItems) throw new AppError('too_many_items', `a batch holds at most ${this.maxItems} items`, { limit: this.maxItems, items: raw.length });
    const sharedParams = moderationParams(shared);
    const parsed = await Promise.all(
      raw.map(async (r, index): Promise<Parsed> => {
        try {
          if (r.data) return { ok: true, sub: { ...base, data: r.data, params: sharedParams } };
          if (!r.item || typeof r.item !== 'object' || Array.isArray(r.item)) throw fieldError(`items[${index}]`, 'isObject', `items[${index}] must be an object`);
          const { image_base64, url, ...own } = await validateDto(BatchItemDto, r.item).catch((e: unknown) => {
            throw e instanceof AppError ? prefixFieldErrors(e, `items[${index}]`) : e;
          });
          const params = moderationParams(mergeOptions(shared, own));
          return { ok: true, sub: { ...base, ...imageFromJson({ image_base64, url }, this.media, 'item needs "image_base64" or "url"'), params } };
        } catch (e) {
          return { ok: false, error: e instanceof AppError ? e : new AppError('bad_request', 'invalid item') };
        }
      }),
    );
    return { parsed, shared };
  }

  private async run(parsed: Parsed[], batchId: string): Promise<Reply> {
    const items = await Promise.all(
      parsed.map(async (p, index): Promise<ItemResult> => {
        if (!p.ok) return { index, status: p.error.status, error: errorOf(p.error) };
        try {
          const reply = await this.submissions.submit(p.sub);
          return { index, status: reply.status, id: (reply.body as { id: string }).id, result: reply.body };
        } catch (e) {
          return { index, status: statusOf(e), error: errorOf(e) };
        }
      }),
    );
    return jsonReply(200, this.view(batchId, false, items));
  }

  private async queue(parsed: Parsed[], batchId: string): Promise<Reply> {
    const good = parsed.flatMap((p, index) => (p.ok ? [{ index, sub: { ...p.sub, id: randomUUID(), batchId } }] : []));
    const build = (accepted: Reply[]): Reply => {
      const byIndex = new Map(good.map((g, i) => [g.index, accepted[i]]));
      const items = parsed.map((p, index): ItemResult => {
        const a = byIndex.get(index);
        if (a) return { index, status: 202, id: (a.body as { id: string }).id, result: a.body };
        const err = (p as { error: AppError }).error;
        return { index, status: err.status, error: errorOf(err) };
      });
      return jsonReply(202, this.view(batchId, true, items));
    };
    const accepted = good.length ? await this.submissions.enqueue(good.map((g) => g.sub), { id: batchId, reply: build }) : [];
    return build(accepted);
  }

  private view(id: string, isAsync: boolean, items: ItemResult[]) {
    const ok = items.filter((i) => i.status < 300).length;
    return { id, object: 'moderation_batch', async: isAsync, summary: { items: items.length, succeeded: ok, failed: items.length - ok }, items };
  }
}
