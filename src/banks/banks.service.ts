import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { AuditEntry } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { ClipService } from '../clip/clip.service';
import { AppError } from '../common/app-error';
import type { Caller } from '../common/auth.guard';
import { Events } from '../common/events';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { appErrorOfClip } from '../engine/engine-errors';
import { MediaService } from '../media/media.service';
import { OutboxService } from '../webhooks/outbox.service';
import { RecordsRepository } from '../records/records.repository';
import { bytesToEmbedding } from '../storage/embedding-bytes';
import { Clock } from '../storage/clock';
import type { Executor } from '../storage/database.types';
import { Storage } from '../storage/storage';
import { BankMatcher } from './bank-matcher.service';
import { signalsOf } from './bank-signals';
import { auditedEntry, bankView, entryView } from './bank-view';
import { Bank, BankEntry, BankPatch, BanksRepository, ENTRY_PAGE, NewBankEntry, NewSingleEntry } from './banks.repository';
import type { BankDeletedView, BankView, CreateBankDto, UpdateBankDto } from './dto/bank.dto';
import type { AddedEntriesView, AddEntryDto, AddImageEntryQuery, EntryListView, EntryView, FromModerationDto, ImportResultView } from './dto/entry.dto';
import { formatSignalsCsv, formatSignalsJsonl, normaliseSignal, parseSignalsCsv, parseSignalsJsonl, SignalRecord } from './signal-format';

export interface Ctx {
  caller: Caller;
  requestId?: string;
}

const notFound = (id: string) => new AppError('not_found', `bank ${id} does not exist`, { bank_id: id });

function patchOf(dto: UpdateBankDto | CreateBankDto): BankPatch {
  const p: BankPatch = {};
  if (dto.name !== undefined) p.name = dto.name;
  if (dto.action !== undefined) p.action = dto.action;
  if (dto.distance_threshold !== undefined) p.distanceThreshold = dto.distance_threshold;
  if (dto.min_quality !== undefined) p.minQuality = dto.min_quality;
  if (dto.mode !== undefined) p.mode = dto.mode;
  if (dto.enabled !== undefined) p.enabled = dto.enabled;
  if (dto.dihedral !== undefined) p.dihedral = dto.dihedral;
  if (dto.embedding_threshold !== undefined) p.embeddingThreshold = dto.embedding_threshold;
  return p;
}

/**
 * The banks API: banks and entries. Every change is audited and announced to webhooks (`bank.changed`)
 * in its transaction; once it committed, the local webhook worker is woken and the matcher follows.
 */
@Injectable()
export class BanksService {
  @Inject(APP_CONFIG) private readonly config!: AppConfig;

  constructor(
    private readonly storage: Storage,
    private readonly repo: BanksRepository,
    private readonly matcher: BankMatcher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly media: MediaService,
    private readonly clip: ClipService,
    private readonly records: RecordsRepository,
    private readonly outbox: OutboxService,
    private readonly events: EventEmitter2,
  ) {}

  async list(): Promise<BankView[]> {
    const banks = await this.repo.listBanks(this.storage.db);
    return Promise.all(banks.map(async (b) => bankView(b, await this.repo.countEntries(this.storage.db, b.id))));
  }

  async get(id: string): Promise<BankView> {
    const b = await this.bank(id);
    return bankView(b, await this.repo.countEntries(this.storage.db, id));
  }

  /** The bank of this id or name (the CLI and files name banks). */
  async resolve(idOrName: string): Promise<Bank> {
    const db = this.storage.db;
    const b = (/^[0-9a-f-]{36}$/i.test(idOrName) ? await this.repo.getBank(db, idOrName) : undefined) ?? (await this.repo.getBankByName(db, idOrName));
    if (!b) throw notFound(idOrName);
    return b;
  }

  async create(dto: CreateBankDto, ctx: Ctx): Promise<BankView> {
    const now = this.clock.now();
    const p = patchOf(dto);
    const bank = await this.storage.transaction(async (trx) => {
      await this.nameFree(trx, dto.name);
      const embeddingThreshold = dto.embedding_threshold === undefined ? this.config.banks.embeddingThreshold : dto.embedding_threshold;
      const b = await this.repo.createBank(trx, { ...p, name: dto.name, action: dto.action, embeddingThreshold }, now);
      await this.changed(trx, { actor: ctx.caller.name, action: 'bank.created', entityType: 'bank', entityId: b.id, after: bankView(b, 0), requestId: ctx.requestId }, now);
      return b;
    });
    this.events.emit(Events.outboxCommitted);
    await this.matcher.sync();
    return bankView(bank, 0);
  }

  async update(id: string, dto: UpdateBankDto, ctx: Ctx): Promise<BankView> {
    const now = this.clock.now();
    const p = patchOf(dto);
    const after = await this.storage.transaction(async (trx) => {
      const before = await this.repo.getBank(trx, id);
      if (!before) throw notFound(id);
      if (p.name !== undefined && p.name !== before.name) await this.nameFree(trx, p.name);
      const b = (await this.repo.updateBank(trx, id, p, now))!;
      const n = await this.repo.countEntries(trx, id);
      await this.changed(trx, { actor: ctx.caller.name, action: 'bank.updated', entityType: 'bank', entityId: id, before: bankView(before, n), after: bankView(b, n), requestId: ctx.requestId }, now);
      return bankView(b, n);
    });
    this.events.emit(Events.outboxCommitted);
    await this.matcher.sync();
    return after;
  }

  async remove(id: string, ctx: Ctx): Promise<BankDeletedView> {
    const now = this.clock.now();
    const r = await this.storage.transaction(async (trx) => {
      const d = await this.repo.deleteBank(trx, id, now);
      if (!d) throw notFound(id);
      await this.changed(trx, { actor: ctx.caller.name, action: 'bank.deleted', entityType: 'bank', entityId: id, before: bankView(d.bank, d.entries), after: { entries_deleted: d.entries }, requestId: ctx.requestId }, now);
      return { id, name: d.bank.name, entries_deleted: d.entries };
    });
    this.events.emit(Events.outboxCommitted);
    await this.matcher.sync();
    return r;
  }

  async listEntries(id: string, after = 0, limit = 100): Promise<EntryListView> {
    await this.bank(id);
    const rows = await this.repo.listEntries(this.storage.db, id, after, limit + 1);
    const items = rows.slice(0, limit).map(entryView);
    return { items, next_after: rows.length > limit ? items[items.length - 1].id : null };
  }

  async addEntry(id: string, dto: AddEntryDto, ctx: Ctx): Promise<AddedEntriesView> {
    const signal = normaliseSignal(dto.signal_type, dto.signal_value);
    if ('field' in signal) throw new AppError('invalid_parameter', signal.message, { field: signal.field === 'signal_type' ? 'signal_type' : 'signal_value', errors: [{ field: 'signal_value', constraint: 'length', message: signal.message }] });
    return this.addMany(id, [{ ...signal, labels: dto.labels ?? [], source: dto.source ?? null }], ctx);
  }

  /** Hashes an uploaded image (PDQ of its first frame, SHA-256) and banks both, with its CLIP embedding. */
  async addImage(id: string, bytes: Buffer, q: AddImageEntryQuery, ctx: Ctx): Promise<AddedEntriesView> {
    const bank = await this.bank(id);
    const image = await this.media.intake(bytes);
    const pixels = await this.media.pixels(image);
    const s = signalsOf(bytes, pixels);
    // Under the request deadline, and a model fault answered as every image route answers it (503 with Retry-After).
    const embedding = (await this.clip.embedImage(this.media.frameInput(image, 0, pixels), { deadlineMs: this.config.reliability.deadlineMs }).catch((e: unknown) => Promise.reject(appErrorOfClip(e)))).embedding;
    const base = { labels: q.labels ?? [], source: q.source ?? 'image upload' };
    const entries: Omit<NewSingleEntry, 'bankId' | 'addedBy' | 'createdAt'>[] = [{ signalType: 'sha256', value: s.sha256, ...base, embedding }];
    let pdqSkipped: string | undefined;
    if (s.pdq && s.pdq.quality >= bank.minQuality) entries.unshift({ signalType: 'pdq', value: s.pdq.hex, ...base, embedding });
    else pdqSkipped = `PDQ quality ${s.pdq?.quality ?? 0} is below the bank's minimum ${bank.minQuality}: uploads this flat would not be matched by PDQ`;
    const r = await this.addMany(id, entries, ctx);
    return { ...r, ...(s.pdq ? { pdq: s.pdq.hex, pdq_quality: s.pdq.quality } : {}), ...(pdqSkipped ? { pdq_skipped: pdqSkipped } : {}) };
  }

  /** The review loop: banks a recorded moderation's PDQ and SHA-256 (with its embedding). */
  async fromModeration(id: string, dto: FromModerationDto, ctx: Ctx): Promise<AddedEntriesView> {
    const bank = await this.bank(id);
    const record = await this.records.get(dto.moderation_id);
    if (!record) throw new AppError('not_found', `moderation ${dto.moderation_id} is not recorded`, { moderation_id: dto.moderation_id });
    const embedding = record.embedding && record.embedding_dim > 0 ? bytesToEmbedding(record.embedding) : null;
    const base = { labels: dto.labels ?? [], source: `moderation ${record.id}`, moderationId: record.id, embedding };
    const entries: Omit<NewSingleEntry, 'bankId' | 'addedBy' | 'createdAt'>[] = [{ signalType: 'sha256', value: record.sha256, ...base }];
    if (record.pdq && (record.pdq_quality ?? 0) >= bank.minQuality) entries.unshift({ signalType: 'pdq', value: record.pdq, ...base });
    return this.addMany(id, entries, ctx);
  }

  private async addMany(id: string, entries: Omit<NewSingleEntry, 'bankId' | 'addedBy' | 'createdAt'>[], ctx: Ctx): Promise<AddedEntriesView> {
    const now = this.clock.now();
    const r = await this.storage.transaction(async (trx) => {
      if (!(await this.repo.getBank(trx, id))) throw notFound(id);
      const added: EntryView[] = [];
      const existing: EntryView[] = [];
      for (const e of entries) {
        const entry = await this.repo.insertEntry(trx, { ...e, bankId: id, addedBy: ctx.caller.name, createdAt: now });
        if (!entry) {
          existing.push(entryView((await this.repo.findEntry(trx, id, e.signalType, e.value))!));
          continue;
        }
        added.push(entryView(entry));
        await this.changed(trx, { actor: ctx.caller.name, action: 'bank_entry.added', entityType: 'bank_entry', entityId: String(entry.id), after: auditedEntry(entry), requestId: ctx.requestId }, now);
      }
      return { added, existing };
    });
    if (r.added.length) {
      this.events.emit(Events.outboxCommitted);
      await this.matcher.sync();
    }
    return r;
  }

  async deleteEntry(id: string, entryId: number, ctx: Ctx): Promise<EntryView> {
    const now = this.clock.now();
    const view = await this.storage.transaction(async (trx) => {
      const e = await this.repo.getEntry(trx, entryId);
      if (!e || e.bankId !== id || e.deletedAt !== null) throw new AppError('not_found', `bank ${id} holds no live entry ${entryId}`, { bank_id: id, entry_id: entryId });
      await this.softDelete(trx, e, ctx.caller.name, 'deleted', ctx.requestId, now);
      return entryView({ ...e, deletedAt: now });
    });
    this.events.emit(Events.outboxCommitted);
    await this.matcher.sync();
    return view;
  }

  /**
   * A verdict overturned this moderation's decision: the entries banked from it are removed in the
   * caller's transaction (the verdict's, src/reviews), audited and announced like any deletion.
   * Returns them, for `forget` once that transaction has committed.
   */
  async removeFromModeration(exec: Executor, moderationId: string, actor: string, requestId: string | undefined, now: number): Promise<BankEntry[]> {
    const entries = await this.repo.entriesFromModeration(exec, moderationId);
    for (const e of entries) await this.softDelete(exec, e, actor, 'overturned', requestId, now);
    return entries;
  }

  /** After the commit that removed them: out of this instance's index at once (other instances drop them at their next sync). */
  forget(entries: readonly BankEntry[]): void {
    this.matcher.forget(entries);
  }

  private async softDelete(exec: Executor, e: BankEntry, actor: string, reason: 'deleted' | 'overturned', requestId: string | undefined, now: number): Promise<void> {
    if (!(await this.repo.softDeleteEntry(exec, e.id, now))) return;
    await this.changed(exec, { actor, action: 'bank_entry.deleted', entityType: 'bank_entry', entityId: String(e.id), before: auditedEntry(e), after: { deleted_at: new Date(now).toISOString(), reason }, requestId }, now);
  }

  /** The audit entry of a bank change, and its `bank.changed` event (the entry's fields), in the change's transaction. */
  private async changed(exec: Executor, entry: AuditEntry, now: number): Promise<void> {
    await this.audit.append(exec, entry, now);
    const { action, entityType, entityId, actor, before, after } = entry;
    await this.outbox.emit(exec, 'bank.changed', { action, entity_type: entityType, entity_id: entityId, actor, before: before ?? null, after: after ?? null }, now);
  }

  /** Bulk import of a CSV or JSON-lines bank file into one bank (lines may name it or no bank). */
  async importFile(id: string, text: string, format: 'csv' | 'jsonl', partial: boolean, ctx: Ctx): Promise<ImportResultView> {
    const bank = await this.bank(id);
    const parsed = format === 'csv' ? parseSignalsCsv(text) : parseSignalsJsonl(text);
    const errors = [...parsed.errors];
    const records: SignalRecord[] = [];
    // Lines are numbered as the parser numbered them; a line naming another bank is an error of that line.
    parsed.records.forEach((r) => {
      if (r.bank === null || r.bank === bank.name) records.push(r);
    });
    const otherBank = parsed.records.length - records.length;
    if (otherBank) errors.push({ line: 0, field: 'bank', message: `${otherBank} record(s) name a bank other than "${bank.name}" (import each bank's lines into that bank)` });
    if (errors.length && !partial) {
      throw new AppError('invalid_parameter', `the bank file has ${errors.length}${parsed.errorsTruncated ? '+' : ''} bad line(s); nothing was imported (?partial=true imports the good ones)`, {
        field: 'body',
        errors: errors.map((e) => ({ field: `line ${e.line}: ${e.field}`, constraint: 'bank_file', message: e.message })),
        errors_truncated: parsed.errorsTruncated,
      });
    }
    const now = this.clock.now();
    const entries: NewBankEntry[] = records.map((r) => ({ bankId: id, signalType: r.signalType, value: r.value, labels: r.labels, source: 'import', addedBy: ctx.caller.name, createdAt: now }));
    const inserted = await this.storage.transaction(async (trx) => {
      const n = await this.repo.insertEntries(trx, entries);
      await this.changed(trx, { actor: ctx.caller.name, action: 'bank.imported', entityType: 'bank', entityId: id, after: { format, records: records.length, inserted: n, skipped: records.length - n, errors: errors.length }, requestId: ctx.requestId }, now);
      return n;
    });
    this.events.emit(Events.outboxCommitted);
    if (inserted) await this.matcher.sync();
    return { records: records.length, inserted, skipped: records.length - inserted, errors, errors_truncated: parsed.errorsTruncated };
  }

  /** Writes a bank's live entries as a bank file, page by page. */
  async exportFile(id: string, format: 'csv' | 'jsonl', write: (chunk: string) => void | Promise<void>): Promise<void> {
    const bank = await this.bank(id);
    let after = 0;
    let first = true;
    for (;;) {
      const page = await this.repo.listEntries(this.storage.db, id, after, ENTRY_PAGE);
      const recs: SignalRecord[] = page.map((e) => ({ signalType: e.signalType, value: e.value, bank: bank.name, labels: e.labels }));
      if (format === 'csv') {
        const text = formatSignalsCsv(recs);
        await write(first ? text : text.slice(text.indexOf('\n') + 1));
      } else await write(formatSignalsJsonl(recs));
      first = false;
      if (page.length < ENTRY_PAGE) return;
      after = page[page.length - 1].id;
    }
  }

  private async bank(id: string): Promise<Bank> {
    const b = await this.repo.getBank(this.storage.db, id);
    if (!b) throw notFound(id);
    return b;
  }

  private async nameFree(exec: Executor, name: string): Promise<void> {
    if (await this.repo.getBankByName(exec, name)) throw new AppError('conflict', `a bank named "${name}" exists`, { name });
  }
}
