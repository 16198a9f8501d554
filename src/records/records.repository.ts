import { Injectable } from '@nestjs/common';
import type { Executor, ModerationRecordsTable, RecordPoliciesTable, ReviewItemsTable } from '../storage/database.types';
import { Storage } from '../storage/storage';

export type RecordRow = ModerationRecordsTable;
export type RecordSummary = Pick<RecordRow, 'id' | 'created_at' | 'client' | 'external_id' | 'decision' | 'sha256' | 'model_id' | 'policy_set_version' | 'max_score'>;

export interface EmbeddingRow {
  id: string;
  created_at: number;
  decision: string;
  embedding: Buffer;
}

/** SQL for moderation records and their kept-image bookkeeping; identical on SQLite and PostgreSQL. */
@Injectable()
export class RecordsRepository {
  constructor(private readonly storage: Storage) {}

  async insert(exec: Executor, record: RecordRow, policies: RecordPoliciesTable[], review?: ReviewItemsTable): Promise<void> {
    await exec.insertInto('moderation_records').values(record).execute();
    if (policies.length) await exec.insertInto('record_policies').values(policies).execute();
    if (review) await exec.insertInto('review_items').values(review).execute();
  }

  get(id: string, exec: Executor = this.storage.db): Promise<RecordRow | undefined> {
    return exec.selectFrom('moderation_records').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Records that keep a PDQ hash, in id order after `afterId` (the near-duplicate scan of /v1/records-by-hash). */
  pdqPage(afterId: string, limit: number): Promise<Pick<RecordRow, 'id' | 'created_at' | 'decision' | 'sha256' | 'pdq' | 'pdq_quality'>[]> {
    return this.storage.db
      .selectFrom('moderation_records')
      .select(['id', 'created_at', 'decision', 'sha256', 'pdq', 'pdq_quality'])
      .where('pdq', 'is not', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Records of byte-identical images (indexed). */
  bySha256(sha256: string, limit: number): Promise<Pick<RecordRow, 'id' | 'created_at' | 'decision' | 'sha256' | 'pdq' | 'pdq_quality'>[]> {
    return this.storage.db.selectFrom('moderation_records').select(['id', 'created_at', 'decision', 'sha256', 'pdq', 'pdq_quality']).where('sha256', '=', sha256).orderBy('created_at').limit(limit).execute();
  }

  async summaries(ids: string[]): Promise<Map<string, RecordSummary>> {
    if (!ids.length) return new Map();
    const rows = await this.storage.db
      .selectFrom('moderation_records')
      .select(['id', 'created_at', 'client', 'external_id', 'decision', 'sha256', 'model_id', 'policy_set_version', 'max_score'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * Final verdicts (uphold, overturn) on records that kept an embedding, newest first, decided in
   * [from, to): the verdict-labelled samples of policy authoring (src/policies/authoring/history-reader.ts).
   */
  verdictsWithEmbeddings(opts: { from?: number; to?: number; limit: number }): Promise<{ moderation_id: string; verdict: string; policies: string; decided_at: number; embedding: Buffer | null }[]> {
    let q = this.storage.db
      .selectFrom('review_decisions as d')
      .innerJoin('moderation_records as m', 'm.id', 'd.moderation_id')
      .select(['d.moderation_id', 'd.verdict', 'd.policies', 'd.decided_at', 'm.embedding'])
      .where('d.verdict', 'in', ['uphold', 'overturn'])
      .where('m.embedding', 'is not', null);
    if (opts.from !== undefined) q = q.where('d.decided_at', '>=', opts.from);
    if (opts.to !== undefined) q = q.where('d.decided_at', '<', opts.to);
    return q.orderBy('d.decided_at', 'desc').limit(opts.limit).execute();
  }

  /** Records created in [from, to), newest first, with their evidence and their review item's last verdict. */
  evidenceIn(opts: { from: number; to: number; limit: number; policySetVersion?: string }): Promise<{ id: string; created_at: number; decision: string; evidence: string; policy_set_version: string; last_verdict: string | null }[]> {
    let q = this.storage.db
      .selectFrom('moderation_records as m')
      .leftJoin('review_items as r', 'r.moderation_id', 'm.id')
      .select(['m.id', 'm.created_at', 'm.decision', 'm.evidence', 'm.policy_set_version', 'r.last_verdict'])
      .where('m.created_at', '>=', opts.from)
      .where('m.created_at', '<', opts.to);
    if (opts.policySetVersion) q = q.where('m.policy_set_version', '=', opts.policySetVersion);
    return q.orderBy('m.created_at', 'desc').limit(opts.limit).execute();
  }

  /** Embeddings of one model, oldest first, in pages (keyset on created_at, id). */
  embeddingsPage(modelId: string, dim: number, after: { created_at: number; id: string } | null, limit: number): Promise<EmbeddingRow[]> {
    let q = this.storage.db
      .selectFrom('moderation_records')
      .select(['id', 'created_at', 'decision', 'embedding'])
      .where('model_id', '=', modelId)
      .where('embedding_dim', '=', dim)
      .where('embedding', 'is not', null);
    if (after) {
      q = q.where((eb) => eb.or([eb('created_at', '>', after.created_at), eb.and([eb('created_at', '=', after.created_at), eb('id', '>', after.id)])]));
    }
    return q.orderBy('created_at').orderBy('id').limit(limit).execute() as Promise<EmbeddingRow[]>;
  }

  /** Ids of records created at or after `since` (for instances sharing one PostgreSQL): cheap, no embeddings. */
  idsSince(modelId: string, dim: number, since: number): Promise<{ id: string; created_at: number }[]> {
    return this.storage.db
      .selectFrom('moderation_records')
      .select(['id', 'created_at'])
      .where('model_id', '=', modelId)
      .where('embedding_dim', '=', dim)
      .where('embedding', 'is not', null)
      .where('created_at', '>=', since)
      .execute();
  }

  embeddingsOf(ids: string[]): Promise<EmbeddingRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.storage.db.selectFrom('moderation_records').select(['id', 'created_at', 'decision', 'embedding']).where('id', 'in', ids).execute() as Promise<EmbeddingRow[]>;
  }

  async policiesOf(ids: string[]): Promise<Map<string, RecordPoliciesTable[]>> {
    const out = new Map<string, RecordPoliciesTable[]>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.storage.db.selectFrom('record_policies').selectAll().where('moderation_id', 'in', ids.slice(i, i + 500)).execute();
      for (const r of rows) {
        const list = out.get(r.moderation_id) ?? [];
        list.push(r);
        out.set(r.moderation_id, list);
      }
    }
    return out;
  }

  /**
   * Kept images past retention: never while a review is open; after the review closed, retention
   * counts from its close; with no review item, from the moderation.
   */
  blobsDue(cutoff: number, limit: number): Promise<{ id: string; blob_key: string }[]> {
    return this.storage.db
      .selectFrom('moderation_records as r')
      .leftJoin('review_items as i', 'i.moderation_id', 'r.id')
      .select(['r.id', 'r.blob_key'])
      .where('r.blob_key', 'is not', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('i.id', 'is', null), eb('r.created_at', '<', cutoff)]),
          eb.and([eb('i.status', '=', 'closed'), eb('i.closed_at', '<', cutoff)]),
        ]),
      )
      .limit(limit)
      .execute() as Promise<{ id: string; blob_key: string }[]>;
  }

  async markBlobDeleted(exec: Executor, id: string, at: number): Promise<boolean> {
    const r = await exec.updateTable('moderation_records').set({ blob_key: null, blob_deleted_at: at }).where('id', '=', id).where('blob_key', 'is not', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
