import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Executor, OutboxEventsTable, WebhookAttemptsTable, WebhookDeliveriesTable, WebhookSubscriptionsTable } from '../storage/database.types';
import { Storage } from '../storage/storage';

export type SubscriptionRow = WebhookSubscriptionsTable;
export type DeliveryRow = WebhookDeliveriesTable;
export type AttemptRow = WebhookAttemptsTable;
export type EventRow = OutboxEventsTable;

/**
 * SQL for subscriptions and deliveries. Deliveries are claimed like jobs (src/jobs/jobs.repository.ts):
 * one UPDATE over a FOR UPDATE SKIP LOCKED sub-select on PostgreSQL, atomic as is on SQLite; the
 * claim is a lease, so a delivery whose instance died mid-attempt is attempted again (at least once).
 */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly storage: Storage) {}

  get db(): Executor {
    return this.storage.db;
  }

  async insertSubscription(exec: Executor, row: SubscriptionRow): Promise<void> {
    await exec.insertInto('webhook_subscriptions').values(row).execute();
  }

  getSubscription(id: string, exec: Executor = this.storage.db): Promise<SubscriptionRow | undefined> {
    return exec.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listSubscriptions(): Promise<SubscriptionRow[]> {
    return this.db.selectFrom('webhook_subscriptions').selectAll().orderBy('created_at').orderBy('id').execute();
  }

  async updateSubscription(exec: Executor, id: string, set: Partial<SubscriptionRow>): Promise<SubscriptionRow | undefined> {
    return exec.updateTable('webhook_subscriptions').set(set).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** Sets `set` only if the stored secrets are still `old` (compare-and-set); false when they changed meanwhile. */
  async replaceSecrets(exec: Executor, id: string, old: Pick<SubscriptionRow, 'secret' | 'previous_secret'>, set: Partial<SubscriptionRow>): Promise<boolean> {
    const r = await exec
      .updateTable('webhook_subscriptions')
      .set(set)
      .where('id', '=', id)
      .where('secret', '=', old.secret)
      .where((eb) => (old.previous_secret === null ? eb('previous_secret', 'is', null) : eb('previous_secret', '=', old.previous_secret)))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async deleteSubscription(id: string): Promise<boolean> {
    return this.storage.transaction(async (t) => {
      const trx = t;
      const ids = trx.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', id);
      await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', ids).execute();
      await trx.deleteFrom('webhook_deliveries').where('subscription_id', '=', id).execute();
      const r = await trx.deleteFrom('webhook_subscriptions').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    });
  }

  async claim(limit: number, instance: string, now: number, leaseMs: number): Promise<DeliveryRow[]> {
    const enabled = this.db.selectFrom('webhook_subscriptions').select('id').where('enabled', '=', 1);
    let due = this.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where((eb) => eb.or([eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]), eb.and([eb('status', '=', 'delivering'), eb('locked_until', '<', now)])]))
      .where('subscription_id', 'in', enabled)
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

  events(ids: string[]): Promise<EventRow[]> {
    return ids.length ? this.db.selectFrom('outbox_events').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]);
  }

  subscriptions(ids: string[]): Promise<SubscriptionRow[]> {
    return ids.length ? this.db.selectFrom('webhook_subscriptions').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]);
  }

  /** Writes an attempt's outcome if this instance still holds the delivery; false when it was taken over. */
  async settle(exec: Executor, d: DeliveryRow, instance: string, set: Partial<DeliveryRow>, attempt: AttemptRow): Promise<boolean> {
    const trx = exec;
    const r = await trx
      .updateTable('webhook_deliveries')
      .set({ ...set, locked_by: null, locked_until: null })
      .where('id', '=', d.id)
      .where('locked_by', '=', instance)
      .where('status', '=', 'delivering')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await trx.insertInto('webhook_attempts').values(attempt).execute();
    return true;
  }

  /** A page of the subscription's deliveries, newest first, each with the request id of its event. */
  deliveries(subscriptionId: string, status: string | undefined, before: { created_at: number; id: string } | undefined, limit: number): Promise<(DeliveryRow & { request_id: string | null })[]> {
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

  /** The request id of an event (null: none caused it, or the event is gone). */
  async eventRequestId(eventId: string): Promise<string | null> {
    const r = await this.db.selectFrom('outbox_events').select('request_id').where('id', '=', eventId).executeTakeFirst();
    return r?.request_id ?? null;
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
    const trx = exec;
    await trx.updateTable('webhook_deliveries').set({ next_attempt_at: now }).where('subscription_id', '=', subscriptionId).where('status', '=', 'pending').where('next_attempt_at', '>', now).execute();
    const r = await trx.updateTable('webhook_deliveries').set({ retry_from: now }).where('subscription_id', '=', subscriptionId).where('status', '=', 'pending').executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async pendingCount(): Promise<number> {
    const r = await this.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', ['pending', 'delivering']).executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
