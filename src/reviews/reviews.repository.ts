import { Injectable } from '@nestjs/common';
import { ExpressionBuilder, SelectQueryBuilder, sql } from 'kysely';
import type { AppealsTable, Database, Executor, ReviewDecisionsTable, ReviewItemsTable } from '../storage/database.types';
import { Storage } from '../storage/storage';

export type ReviewRow = ReviewItemsTable;
export type QueueStatus = 'open' | 'claimed' | 'escalated' | 'closed';
export type QueueOrder = 'oldest' | 'score';

export interface QueueFilter {
  status?: QueueStatus;
  policy?: string;
  decision?: string;
  from?: number;
  to?: number;
  minScore?: number;
}

export interface QueueCursor {
  k: number;
  id: string;
}

type Eb = ExpressionBuilder<Database, 'review_items'>;

/** First key of the advisory locks that serialise one API key's appeals (an arbitrary constant: "appl"). */
const APPEAL_LOCK_CLASS = 0x6170706c;

/** The review queue's SQL. Claims are single conditional UPDATE ... RETURNING statements, so they are atomic on both databases. */
@Injectable()
export class ReviewsRepository {
  constructor(private readonly storage: Storage) {}

  get(id: string, exec: Executor = this.storage.db): Promise<ReviewRow | undefined> {
    return exec.selectFrom('review_items').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byModeration(moderationId: string, exec: Executor = this.storage.db): Promise<ReviewRow | undefined> {
    return exec.selectFrom('review_items').selectAll().where('moderation_id', '=', moderationId).executeTakeFirst();
  }

  private filtered<O>(q: SelectQueryBuilder<Database, 'review_items', O>, f: QueueFilter, now: number) {
    const leased = (eb: Eb) => eb.and([eb('lease_holder', 'is not', null), eb('lease_expires_at', '>', now)]);
    const free = (eb: Eb) => eb.or([eb('lease_holder', 'is', null), eb('lease_expires_at', '<=', now)]);
    if (f.status === 'open') q = q.where('status', '=', 'open').where(free);
    else if (f.status === 'claimed') q = q.where('status', '!=', 'closed').where(leased);
    else if (f.status) q = q.where('status', '=', f.status);
    if (f.decision) q = q.where('decision', '=', f.decision);
    if (f.from !== undefined) q = q.where('opened_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('opened_at', '<', f.to);
    if (f.minScore !== undefined) q = q.where('max_score', '>=', f.minScore);
    if (f.policy) {
      const policy = f.policy;
      q = q.where((eb) =>
        eb.exists(
          eb.selectFrom('record_policies as rp').select('rp.policy_id').whereRef('rp.moderation_id', '=', 'review_items.moderation_id').where('rp.policy_id', '=', policy),
        ),
      );
    }
    return q;
  }

  list(f: QueueFilter, order: QueueOrder, cursor: QueueCursor | undefined, limit: number, now: number): Promise<ReviewRow[]> {
    let q = this.filtered(this.storage.db.selectFrom('review_items').selectAll(), f, now);
    if (order === 'oldest') {
      if (cursor) q = q.where((eb) => eb.or([eb('opened_at', '>', cursor.k), eb.and([eb('opened_at', '=', cursor.k), eb('id', '>', cursor.id)])]));
      q = q.orderBy('opened_at', 'asc').orderBy('id', 'asc');
    } else {
      if (cursor) q = q.where((eb) => eb.or([eb('max_score', '<', cursor.k), eb.and([eb('max_score', '=', cursor.k), eb('id', '>', cursor.id)])]));
      q = q.orderBy('max_score', 'desc').orderBy('id', 'asc');
    }
    return q.limit(limit).execute();
  }

  /** Takes the lease on one item if nobody else holds a live one; undefined when it could not. */
  claim(exec: Executor, id: string, holder: string, now: number, expiresAt: number): Promise<ReviewRow | undefined> {
    return exec
      .updateTable('review_items')
      .set({ lease_holder: holder, lease_expires_at: expiresAt, updated_at: now })
      .where('id', '=', id)
      .where('status', '!=', 'closed')
      .where((eb) => eb.or([eb('lease_holder', 'is', null), eb('lease_expires_at', '<=', now), eb('lease_holder', '=', holder)]))
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Atomically claims the next eligible item: one UPDATE whose WHERE picks the item. On PostgreSQL
   * the inner SELECT is FOR UPDATE SKIP LOCKED, so concurrent claimers take different rows instead
   * of queueing on the same one; SQLite runs one writer at a time, so the statement is serial.
   */
  claimNext(exec: Executor, f: QueueFilter, order: QueueOrder, holder: string, now: number, expiresAt: number): Promise<ReviewRow | undefined> {
    const pg = this.storage.dialect === 'postgres';
    const eligible = (eb: Eb) => eb.and([eb('status', 'in', f.status === 'escalated' ? ['escalated'] : f.status === 'open' ? ['open'] : ['open', 'escalated']), eb.or([eb('lease_holder', 'is', null), eb('lease_expires_at', '<=', now)])]);
    return exec
      .updateTable('review_items')
      .set({ lease_holder: holder, lease_expires_at: expiresAt, updated_at: now })
      .where('id', '=', (eb) => {
        let sub = this.filtered(eb.selectFrom('review_items').select('id'), { ...f, status: undefined }, now).where(eligible);
        sub = order === 'oldest' ? sub.orderBy('opened_at', 'asc').orderBy('id', 'asc') : sub.orderBy('max_score', 'desc').orderBy('id', 'asc');
        sub = sub.limit(1);
        if (pg) sub = sub.forUpdate().skipLocked();
        return sub;
      })
      .where(eligible)
      .returningAll()
      .executeTakeFirst();
  }

  release(exec: Executor, id: string, holder: string, now: number): Promise<ReviewRow | undefined> {
    return exec
      .updateTable('review_items')
      .set({ lease_holder: null, lease_expires_at: null, updated_at: now })
      .where('id', '=', id)
      .where('status', '!=', 'closed')
      .where('lease_holder', '=', holder)
      .where('lease_expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
  }

  /** Applies a verdict only while the caller holds a live lease. */
  decide(exec: Executor, id: string, holder: string, now: number, status: string, verdict: string): Promise<ReviewRow | undefined> {
    return exec
      .updateTable('review_items')
      .set({ status, last_verdict: verdict, lease_holder: null, lease_expires_at: null, updated_at: now, closed_at: status === 'closed' ? now : null })
      .where('id', '=', id)
      .where('status', '!=', 'closed')
      .where('lease_holder', '=', holder)
      .where('lease_expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
  }

  insertDecision(exec: Executor, d: ReviewDecisionsTable) {
    return exec.insertInto('review_decisions').values(d).execute();
  }

  /** Opens an item for a first appeal; false when one for this moderation appeared meanwhile (a concurrent appeal). */
  async insertItemIfAbsent(exec: Executor, item: ReviewRow): Promise<boolean> {
    const r = await exec.insertInto('review_items').values(item).onConflict((oc) => oc.column('moderation_id').doNothing()).returning('id').executeTakeFirst();
    return r !== undefined;
  }

  /**
   * Reopens a closed item for an appeal: back to open, lease dropped, counted. Conditional on the
   * appeal count read before, so of two concurrent appeals only one reopens (undefined for the other).
   */
  reopen(exec: Executor, id: string, now: number, policies: string, appealCount: number): Promise<ReviewRow | undefined> {
    return exec
      .updateTable('review_items')
      .set((eb) => ({ status: 'open', origin: 'appeal', opened_at: now, updated_at: now, lease_holder: null, lease_expires_at: null, closed_at: null, policies, appeal_count: eb('appeal_count', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', 'closed')
      .where('appeal_count', '=', appealCount)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Attaches an appeal to an item still waiting for its verdict: its place in the queue (opened_at),
   * status and any moderator's lease stay as they are. Conditional like reopen().
   */
  attachAppeal(exec: Executor, id: string, now: number, policies: string, appealCount: number): Promise<ReviewRow | undefined> {
    return exec
      .updateTable('review_items')
      .set((eb) => ({ origin: 'appeal', updated_at: now, policies, appeal_count: eb('appeal_count', '+', 1) }))
      .where('id', '=', id)
      .where('status', '!=', 'closed')
      .where('appeal_count', '=', appealCount)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Appeals filed by one key since `since`: how many, and the oldest one's time. On PostgreSQL the
   * key's appeals are serialised first (a transaction-scoped advisory lock), so concurrent appeals
   * on several instances cannot all pass the count; SQLite runs one write transaction at a time.
   */
  async appealsBy(exec: Executor, appellant: string, since: number): Promise<{ n: number; oldest: number | null }> {
    if (this.storage.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${APPEAL_LOCK_CLASS}, hashtext(${appellant}))`.execute(exec);
    const r = await exec
      .selectFrom('appeals')
      .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min<number>('created_at').as('oldest')])
      .where('appellant', '=', appellant)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return { n: Number(r.n), oldest: r.oldest === null ? null : Number(r.oldest) };
  }

  insertAppeal(exec: Executor, a: AppealsTable) {
    return exec.insertInto('appeals').values(a).execute();
  }

  /** When the review's latest appeal was filed, if any. */
  async lastAppealAt(exec: Executor, reviewId: string): Promise<number | undefined> {
    const r = await exec.selectFrom('appeals').select('created_at').where('review_id', '=', reviewId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    return r?.created_at;
  }

  /** When the review's latest `limit` verdicts were given, newest first. */
  async lastDecisionTimes(exec: Executor, reviewId: string, limit: number): Promise<number[]> {
    const rows = await exec.selectFrom('review_decisions').select('decided_at').where('review_id', '=', reviewId).orderBy('decided_at', 'desc').limit(limit).execute();
    return rows.map((r) => r.decided_at);
  }

  async history(reviewId: string) {
    const [decisions, appeals] = await Promise.all([
      this.storage.db.selectFrom('review_decisions').selectAll().where('review_id', '=', reviewId).orderBy('decided_at').execute(),
      this.storage.db.selectFrom('appeals').selectAll().where('review_id', '=', reviewId).orderBy('created_at').execute(),
    ]);
    return { decisions, appeals };
  }

  // Statistics (one window; small result sets, aggregated in SQL where both dialects agree).

  decisionsByOutcome(from: number, to: number) {
    return this.storage.db.selectFrom('moderation_records').select(['decision', (eb) => eb.fn.countAll<number>().as('n')]).where('created_at', '>=', from).where('created_at', '<', to).groupBy('decision').execute();
  }

  policiesByAction(from: number, to: number) {
    return this.storage.db
      .selectFrom('record_policies as rp')
      .innerJoin('moderation_records as r', 'r.id', 'rp.moderation_id')
      .select(['rp.policy_id', 'rp.action', (eb) => eb.fn.countAll<number>().as('n')])
      .where('r.created_at', '>=', from)
      .where('r.created_at', '<', to)
      .groupBy(['rp.policy_id', 'rp.action'])
      .execute();
  }

  itemsByStatus(from: number, to: number, now: number) {
    return this.storage.db
      .selectFrom('review_items')
      .select([
        'status',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.sum<number>(eb.case().when(eb.and([eb('lease_holder', 'is not', null), eb('lease_expires_at', '>', now)])).then(1).else(0).end()).as('claimed'),
      ])
      .where('opened_at', '>=', from)
      .where('opened_at', '<', to)
      .groupBy('status')
      .execute();
  }

  decisionsIn(from: number, to: number) {
    return this.storage.db.selectFrom('review_decisions').select(['moderator', 'verdict', 'policies', 'opened_at', 'decided_at']).where('decided_at', '>=', from).where('decided_at', '<', to).execute();
  }
}
