import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { sql } from 'kysely';
import type { Executor, WebhookAttemptsTable, WebhookDeliveriesTable } from '../storage/database.types';
import { Storage } from '../storage/storage';

export type DeliveryRow = WebhookDeliveriesTable;
export type AttemptRow = WebhookAttemptsTable;

const FINISHED = ['delivered', 'failed'];

/**
 * SQL of the delivery log: `webhook_deliveries` (one per event and subscription) and
 * `webhook_attempts` (one per POST). Deliveries are claimed like jobs (src/jobs/jobs.repository.ts):
 * one UPDATE over a FOR UPDATE SKIP LOCKED sub-select on PostgreSQL, atomic as is on SQLite; the
 * claim is a lease, so a delivery whose instance died mid-attempt is attempted again (at least once).
 * Subscriptions and events are only read here (in sub-selects and joins); their writes are in their
 * own repositories.
 */
@Injectable()
export class DeliveriesRepository {
  constructor(private readonly storage: Storage) {}

  private get db(): Executor {
    return this.storage.db;
  }

  /** One pending delivery of the event per subscription, due at `at` (the fan-out of an event, in its transaction). */
  async insertPending(exec: Executor, event: { id: string; type: string }, subscriptionIds: string[], at: number): Promise<void> {
    if (!subscriptionIds.length) return;
    await exec
      .insertInto('webhook_deliveries')
      .values(subscriptionIds.map((s) => ({ id: randomUUID(), subscription_id: s, event_id: event.id, event_type: event.type, status: 'pending', attempts: 0, next_attempt_at: at, locked_by: null, locked_until: null, created_at: at, last_attempt_at: null, delivered_at: null, last_status: null, last_error: null, retry_from: null })))
      .execute();
  }

  /**
   * Due deliveries of enabled endpoints (held ones stay), leased to `instance` for `leaseMs`. `busy`:
   * the deliveries this instance is attempting right now; their lease may have run out (a stalled
   * event loop), and taking them again would send a second POST while the first is still open.
   */
  async claim(limit: number, instance: string, now: number, leaseMs: number, busy: readonly string[] = []): Promise<DeliveryRow[]> {
    const enabled = this.db.selectFrom('webhook_subscriptions').select('id').where('enabled', '=', 1);
    let due = this.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where((eb) => eb.or([eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]), eb.and([eb('status', '=', 'delivering'), eb('locked_until', '<', now)])]))
      .where('subscription_id', 'in', enabled)
      .$if(busy.length > 0, (q) => q.where('id', 'not in', busy))
      .orderBy('next_attempt_at')
      .orderBy('created_at')
      .limit(limit);
    if (this.storage.dialect === 'postgres') due = due.forUpdate().skipLocked();
    return this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'delivering', locked_by: instance, locked_until: now + leaseMs, attempts: sql<number>`attempts + 1` })
      .where('id', 'in', due)
      .returningAll()
      .execute();
  }

  /** Writes an attempt's outcome if this instance still holds the delivery; false when it was taken over. */
  async settle(exec: Executor, d: DeliveryRow, instance: string, set: Partial<DeliveryRow>, attempt: AttemptRow): Promise<boolean> {
    const r = await exec
      .updateTable('webhook_deliveries')
      .set({ ...set, locked_by: null, locked_until: null })
      .where('id', '=', d.id)
      .where('locked_by', '=', instance)
      .where('status', '=', 'delivering')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await exec.insertInto('webhook_attempts').values(attempt).execute();
    return true;
  }

  /** A page of the subscription's deliveries, newest first, each with the request id of its event. */
  list(subscriptionId: string, status: string | undefined, before: { created_at: number; id: string } | undefined, limit: number): Promise<(DeliveryRow & { request_id: string | null })[]> {
    let q = this.db
      .selectFrom('webhook_deliveries as d')
      .leftJoin('outbox_events as e', 'e.id', 'd.event_id')
      .selectAll('d')
      .select('e.request_id')
      .where('d.subscription_id', '=', subscriptionId);
    if (status) q = q.where('d.status', '=', status);
    if (before) q = q.where((eb) => eb.or([eb('d.created_at', '<', before.created_at), eb.and([eb('d.created_at', '=', before.created_at), eb('d.id', '<', before.id)])]));
    return q.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(limit).execute();
  }

  attempts(deliveryIds: string[]): Promise<AttemptRow[]> {
    return deliveryIds.length ? this.db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', deliveryIds).orderBy('attempt').execute() : Promise.resolve([]);
  }

  async redeliver(subscriptionId: string, deliveryId: string, now: number): Promise<DeliveryRow | undefined> {
    return this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', next_attempt_at: now, locked_by: null, locked_until: null })
      .where('id', '=', deliveryId)
      .where('subscription_id', '=', subscriptionId)
      .where('status', '!=', 'delivering')
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * An endpoint enabled again: its held deliveries are due now (those never attempted keep their
   * event time, so they go out in event order) and their retry window starts afresh.
   */
  async release(exec: Executor, subscriptionId: string, now: number): Promise<number> {
    await exec.updateTable('webhook_deliveries').set({ next_attempt_at: now }).where('subscription_id', '=', subscriptionId).where('status', '=', 'pending').where('next_attempt_at', '>', now).execute();
    const r = await exec.updateTable('webhook_deliveries').set({ retry_from: now }).where('subscription_id', '=', subscriptionId).where('status', '=', 'pending').executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Pending deliveries of disabled endpoints created before `cutoff` become failed with `reason`; how many. */
  async expireHeld(exec: Executor, cutoff: number, reason: string): Promise<number> {
    const disabled = exec.selectFrom('webhook_subscriptions').select('id').where('enabled', '=', 0);
    const r = await exec
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', last_error: reason })
      .where('status', '=', 'pending')
      .where('created_at', '<', cutoff)
      .where('subscription_id', 'in', disabled)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Delivered and failed deliveries created before `cutoff`, with their attempts; how many deliveries. */
  async deleteFinished(exec: Executor, cutoff: number): Promise<number> {
    const old = exec.selectFrom('webhook_deliveries').select('id').where('status', 'in', FINISHED).where('created_at', '<', cutoff);
    await exec.deleteFrom('webhook_attempts').where('delivery_id', 'in', old).execute();
    const r = await exec.deleteFrom('webhook_deliveries').where('status', 'in', FINISHED).where('created_at', '<', cutoff).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Every delivery of a subscription, with its attempts (before the subscription itself is deleted). */
  async deleteBySubscription(exec: Executor, subscriptionId: string): Promise<void> {
    const ids = exec.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', subscriptionId);
    await exec.deleteFrom('webhook_attempts').where('delivery_id', 'in', ids).execute();
    await exec.deleteFrom('webhook_deliveries').where('subscription_id', '=', subscriptionId).execute();
  }

  async pendingCount(): Promise<number> {
    const r = await this.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', ['pending', 'delivering']).executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
