import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { sql } from 'kysely';
import { Storage } from '../storage/storage';
import type { BankEntriesTable, BanksTable, Executor } from '../storage/database.types';
import { bytesToEmbedding, embeddingToBytes } from '../storage/embedding-bytes';
import { SIGNAL_TYPES, SignalType } from './signal-format';

export type BankAction = 'block' | 'flag' | 'blur';
export type BankMode = 'enforce' | 'shadow';

export interface Bank {
  id: string;
  name: string;
  action: BankAction;
  distanceThreshold: number;
  minQuality: number;
  mode: BankMode;
  enabled: boolean;
  /** Also match the rotations and mirrors of the query's PDQ. */
  dihedral: boolean;
  /** Match by CLIP image embedding at cosine >= this; null: not by embedding. */
  embeddingThreshold: number | null;
  createdAt: number;
  updatedAt: number;
}

type Settings = 'name' | 'action' | 'distanceThreshold' | 'minQuality' | 'mode' | 'enabled' | 'dihedral' | 'embeddingThreshold';
export type NewBank = Pick<Bank, 'name' | 'action'> & Partial<Pick<Bank, Settings>>;
export type BankPatch = Partial<Pick<Bank, Settings>>;

export interface BankEntry {
  id: number;
  bankId: string;
  signalType: SignalType;
  /** Lowercase hex. */
  value: string;
  labels: string[];
  source: string | null;
  addedBy: string;
  createdAt: number;
  deletedAt: number | null;
  /** The moderation it was banked from (review loop), if any. */
  moderationId: string | null;
  /** Whether a CLIP image embedding is stored with it. */
  hasEmbedding: boolean;
}

export type NewBankEntry = Pick<BankEntry, 'bankId' | 'signalType' | 'value' | 'labels' | 'source' | 'addedBy' | 'createdAt'>;
/** One entry added by hand or from a moderation, possibly with the image's embedding. */
export type NewSingleEntry = NewBankEntry & { moderationId?: string | null; embedding?: Float32Array | null };

/** A stored embedding of a live entry (the embedding signal's index). */
export interface EmbeddedEntry {
  id: number;
  bankId: string;
  embedding: Float32Array;
}

/** What the in-memory index needs of a live entry. */
export interface IndexedEntry {
  id: number;
  bankId: string;
  signalType: SignalType;
  value: string;
}

export const BANK_DEFAULTS = { distanceThreshold: 31, minQuality: 50, mode: 'enforce' as BankMode, enabled: true, dihedral: false, embeddingThreshold: null as number | null };

// Rows per INSERT: SQLite binds at most 32766 parameters per statement (7 per row here); one
// statement per batch keeps the SQL text the same, so the prepared statement is reused.
const SQLITE_BATCH = 2000;
// PostgreSQL takes a batch as one array per column (unnest): 7 parameters whatever the batch size.
const PG_BATCH = 10000;
const ANALYZE_AFTER = 10_000;
/** Entries per page when loading the index or exporting. */
export const ENTRY_PAGE = 50_000;

/** Banks and their entries: the only SQL of the feature. */
@Injectable()
export class BanksRepository {
  constructor(private readonly storage: Storage) {}

  async createBank(ex: Executor, bank: NewBank, now: number): Promise<Bank> {
    const row: BanksTable = {
      id: randomUUID(),
      name: bank.name,
      action: bank.action,
      distance_threshold: bank.distanceThreshold ?? BANK_DEFAULTS.distanceThreshold,
      min_quality: bank.minQuality ?? BANK_DEFAULTS.minQuality,
      mode: bank.mode ?? BANK_DEFAULTS.mode,
      enabled: (bank.enabled ?? BANK_DEFAULTS.enabled) ? 1 : 0,
      dihedral: (bank.dihedral ?? BANK_DEFAULTS.dihedral) ? 1 : 0,
      embedding_threshold: bank.embeddingThreshold ?? BANK_DEFAULTS.embeddingThreshold,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    };
    await ex.insertInto('banks').values(row).execute();
    return toBank(row);
  }

  /** A bank that is not deleted. */
  async getBank(ex: Executor, id: string): Promise<Bank | undefined> {
    const row = await ex.selectFrom('banks').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    return row && toBank(row);
  }

  async getBankByName(ex: Executor, name: string): Promise<Bank | undefined> {
    const row = await ex.selectFrom('banks').selectAll().where('name', '=', name).where('deleted_at', 'is', null).executeTakeFirst();
    return row && toBank(row);
  }

  /** Banks not deleted, by name. */
  async listBanks(ex: Executor): Promise<Bank[]> {
    return (await ex.selectFrom('banks').selectAll().where('deleted_at', 'is', null).orderBy('name').execute()).map(toBank);
  }

  /**
   * Soft-deletes a bank and its live entries (other instances drop them from their index). The name
   * is freed for a new bank: the deleted row is renamed to "<name>#deleted-<id>"; the audit entry keeps
   * the original. Returns the bank as it was and how many entries were removed.
   */
  async deleteBank(ex: Executor, id: string, now: number): Promise<{ bank: Bank; entries: number } | undefined> {
    const bank = await this.getBank(ex, id);
    if (!bank) return undefined;
    const r = await ex.updateTable('banks').set({ deleted_at: now, updated_at: now, enabled: 0, name: `${bank.name}#deleted-${id}` }).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return undefined;
    const e = await ex.updateTable('bank_entries').set({ deleted_at: now }).where('bank_id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    return { bank, entries: Number(e.numUpdatedRows) };
  }

  async updateBank(ex: Executor, id: string, patch: BankPatch, now: number): Promise<Bank | undefined> {
    const set: Partial<BanksTable> = { updated_at: now };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.action !== undefined) set.action = patch.action;
    if (patch.distanceThreshold !== undefined) set.distance_threshold = patch.distanceThreshold;
    if (patch.minQuality !== undefined) set.min_quality = patch.minQuality;
    if (patch.mode !== undefined) set.mode = patch.mode;
    if (patch.enabled !== undefined) set.enabled = patch.enabled ? 1 : 0;
    if (patch.dihedral !== undefined) set.dihedral = patch.dihedral ? 1 : 0;
    if (patch.embeddingThreshold !== undefined) set.embedding_threshold = patch.embeddingThreshold;
    await ex.updateTable('banks').set(set).where('id', '=', id).where('deleted_at', 'is', null).execute();
    return this.getBank(ex, id);
  }

  /** Live entries per bank. */
  async countEntries(ex: Executor, bankId: string): Promise<number> {
    const r = await ex.selectFrom('bank_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('bank_id', '=', bankId).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * Inserts entries in multi-row batches; a value a bank already holds (live) is skipped. Returns how
   * many were inserted. Pass a transaction: a bulk import is all or nothing, and one commit is fast.
   */
  async insertEntries(ex: Executor, entries: readonly NewBankEntry[]): Promise<number> {
    let inserted = 0;
    const pg = this.storage.dialect === 'postgres';
    const size = pg ? PG_BATCH : SQLITE_BATCH;
    for (let at = 0; at < entries.length; at += size) {
      const batch = entries.slice(at, at + size);
      inserted += pg ? await this.insertPg(ex, batch) : await this.insertSqlite(ex, batch);
    }
    // Without fresh statistics PostgreSQL plans the index's paged load as a sort of the whole table per
    // page (until autovacuum gets round to it); ANALYZE inside the transaction counts its own rows.
    if (pg && inserted >= ANALYZE_AFTER) await sql`analyze bank_entries`.execute(ex);
    return inserted;
  }

  private async insertSqlite(ex: Executor, batch: readonly NewBankEntry[]): Promise<number> {
    const r = await ex
      .insertInto('bank_entries')
      .values(batch.map(toRow))
      .onConflict((oc) => oc.columns(['bank_id', 'signal_type', 'value']).where('deleted_at', 'is', null).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0);
  }

  private async insertPg(ex: Executor, batch: readonly NewBankEntry[]): Promise<number> {
    const rows = batch.map(toRow);
    const col = <K extends keyof typeof rows[0]>(k: K) => rows.map((r) => r[k]);
    const r = await sql`insert into bank_entries (bank_id, signal_type, value, labels, source, added_by, created_at)
      select * from unnest(${col('bank_id')}::text[], ${col('signal_type')}::text[], ${col('value')}::text[], ${col('labels')}::text[],
        ${col('source')}::text[], ${col('added_by')}::text[], ${col('created_at')}::bigint[])
      on conflict (bank_id, signal_type, value) where deleted_at is null do nothing`.execute(ex);
    return Number(r.numAffectedRows ?? 0);
  }

  /** Adds one entry (with its embedding and moderation, when known); undefined when the bank already holds the value. */
  async insertEntry(ex: Executor, e: NewSingleEntry): Promise<BankEntry | undefined> {
    const row = { ...toRow(e), moderation_id: e.moderationId ?? null, embedding: e.embedding ? embeddingToBytes(e.embedding) : null };
    // ON CONFLICT rather than a look-up first: two instances adding the same value at once both succeed.
    const r = await ex
      .insertInto('bank_entries')
      .values(row)
      .onConflict((oc) => oc.columns(['bank_id', 'signal_type', 'value']).where('deleted_at', 'is', null).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return undefined;
    return this.findEntry(ex, e.bankId, e.signalType, e.value);
  }

  /** Live entries banked from a moderation. */
  async entriesFromModeration(ex: Executor, moderationId: string): Promise<BankEntry[]> {
    const rows = await ex.selectFrom('bank_entries').selectAll().where('moderation_id', '=', moderationId).where('deleted_at', 'is', null).orderBy('id').execute();
    return rows.map(toEntry);
  }

  /** Stored embeddings of live entries after an id (the embedding signal's index). */
  async embeddingsAfter(ex: Executor, afterId: number): Promise<EmbeddedEntry[]> {
    const rows = await ex.selectFrom('bank_entries').select(['id', 'bank_id', 'embedding']).where('embedding', 'is not', null).where('deleted_at', 'is', null).where('id', '>', afterId).orderBy('id').execute();
    return rows.map((r) => ({ id: Number(r.id), bankId: r.bank_id, embedding: bytesToEmbedding(r.embedding!) }));
  }

  /** The labels of these entries (the evidence of a match). */
  async labelsOf(ex: Executor, ids: number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    if (!ids.length) return out;
    for (const r of await ex.selectFrom('bank_entries').select(['id', 'labels']).where('id', 'in', ids).execute()) out.set(Number(r.id), JSON.parse(r.labels) as string[]);
    return out;
  }

  /** Live entries of every bank (how many, and the sum of their ids): an instance compares them with its index to catch anything it missed. */
  async liveCount(ex: Executor): Promise<{ count: number; idSum: number }> {
    const r = await ex
      .selectFrom('bank_entries')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('id').as('s')])
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { count: Number(r.n), idSum: Number(r.s ?? 0) };
  }

  async getEntry(ex: Executor, id: number): Promise<BankEntry | undefined> {
    const row = await ex.selectFrom('bank_entries').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEntry(row);
  }

  /** The live entry of this value in this bank. */
  async findEntry(ex: Executor, bankId: string, signalType: SignalType, value: string): Promise<BankEntry | undefined> {
    const row = await ex.selectFrom('bank_entries').selectAll().where('bank_id', '=', bankId).where('signal_type', '=', signalType).where('value', '=', value).where('deleted_at', 'is', null).executeTakeFirst();
    return row && toEntry(row);
  }

  /** Marks an entry deleted; returns it as it was, or undefined when there is no live entry of that id. */
  async softDeleteEntry(ex: Executor, id: number, now: number): Promise<BankEntry | undefined> {
    const before = await ex.selectFrom('bank_entries').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!before) return undefined;
    const r = await ex.updateTable('bank_entries').set({ deleted_at: now }).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1 ? toEntry(before) : undefined;
  }

  /** One bank's live entries after an id, in id order (export, page by page). */
  async listEntries(ex: Executor, bankId: string, afterId: number, limit = ENTRY_PAGE): Promise<BankEntry[]> {
    const rows = await ex.selectFrom('bank_entries').selectAll().where('bank_id', '=', bankId).where('deleted_at', 'is', null).where('id', '>', afterId).orderBy('id').limit(limit).execute();
    return rows.map(toEntry);
  }

  /**
   * Live entries of every bank after an id, in id order: the index loads by pages and follows additions
   * from the last id it holds. The bank and signal type come back as small integers (CASE over the
   * bank ids) and are mapped to shared strings here: a text column per row costs the load more than the
   * hash does.
   */
  async liveEntriesAfter(ex: Executor, afterId: number, limit = ENTRY_PAGE): Promise<IndexedEntry[]> {
    const banks = (await ex.selectFrom('banks').select('id').execute()).map((b) => b.id);
    if (!banks.length) return [];
    const bankCase = sql<number>`case bank_id ${sql.join(banks.map((id, i) => sql`when ${id} then ${sql.lit(i)}`), sql` `)} else -1 end`;
    const typeCase = sql<number>`case signal_type ${sql.join(SIGNAL_TYPES.map((t, i) => sql`when ${t} then ${sql.lit(i)}`), sql` `)} else -1 end`;
    const rows = await ex
      .selectFrom('bank_entries')
      .select(['id', 'value', bankCase.as('b'), typeCase.as('t')])
      .where('deleted_at', 'is', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    // A bank created after the bank list was read: its entries' bank ids are read one by one.
    const unknown = rows.filter((r) => Number(r.b) < 0).map((r) => Number(r.id));
    const late = new Map<number, string>();
    if (unknown.length) for (const r of await ex.selectFrom('bank_entries').select(['id', 'bank_id']).where('id', 'in', unknown).execute()) late.set(Number(r.id), r.bank_id);
    const out: IndexedEntry[] = [];
    for (const r of rows) {
      const id = Number(r.id);
      const b = Number(r.b);
      const signalType = SIGNAL_TYPES[Number(r.t)];
      // insertEntries takes only known types; a row written by other means is not indexable.
      if (signalType) out.push({ id, bankId: b >= 0 ? banks[b] : late.get(id)!, signalType, value: r.value });
    }
    return out;
  }

  /** Entries deleted at or after a time (what another instance must drop from its index). */
  async entriesDeletedSince(ex: Executor, since: number): Promise<(IndexedEntry & { deletedAt: number })[]> {
    const rows = await ex.selectFrom('bank_entries').select(['id', 'bank_id', 'signal_type', 'value', 'deleted_at']).where('deleted_at', '>=', since).orderBy('deleted_at').execute();
    return rows.map((r) => ({ id: Number(r.id), bankId: r.bank_id, signalType: r.signal_type as SignalType, value: r.value, deletedAt: Number(r.deleted_at) }));
  }
}

type EntryRow = Omit<BankEntriesTable, 'id'> & { id: number };
type InsertRow = Omit<BankEntriesTable, 'id' | 'deleted_at' | 'embedding' | 'moderation_id'>;

function toRow(e: NewBankEntry): InsertRow {
  return { bank_id: e.bankId, signal_type: e.signalType, value: e.value, labels: JSON.stringify(e.labels), source: e.source, added_by: e.addedBy, created_at: e.createdAt };
}

function toBank(r: BanksTable): Bank {
  return {
    id: r.id,
    name: r.name,
    action: r.action as BankAction,
    distanceThreshold: r.distance_threshold,
    minQuality: r.min_quality,
    mode: r.mode as BankMode,
    enabled: r.enabled === 1,
    dihedral: r.dihedral === 1,
    embeddingThreshold: r.embedding_threshold === null ? null : Number(r.embedding_threshold),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function toEntry(r: EntryRow): BankEntry {
  return {
    id: Number(r.id),
    bankId: r.bank_id,
    signalType: r.signal_type as SignalType,
    value: r.value,
    labels: JSON.parse(r.labels) as string[],
    source: r.source,
    addedBy: r.added_by,
    createdAt: Number(r.created_at),
    deletedAt: r.deleted_at === null ? null : Number(r.deleted_at),
    moderationId: r.moderation_id,
    hasEmbedding: r.embedding !== null,
  };
}
