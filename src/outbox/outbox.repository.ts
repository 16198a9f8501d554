import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { Executor, OutboxEventsTable } from '../storage/database.types';

const FINISHED = ['delivered', 'failed'];

/**
 * SQL of the outbox: its events (`outbox_events`), the pending deliveries an event fans out to, and
 * the retention of events and finished deliveries. Every method takes the executor (database or
 * transaction) so the caller decides what commits together.
 */
@Injectable()
export class OutboxRepository {
  async insertEvent(exec: Executor, row: OutboxEventsTable): Promise<void> {
    await exec.insertInto('outbox_events').values(row).execute();
  }

  /** Every subscription with its JSON array of event types. */
  subscriptionEventTypes(exec: Executor): Promise<{ id: string; event_types: string }[]> {
    return exec.selectFrom('webhook_subscriptions').select(['id', 'event_types']).execute();
  }

  /** One pending delivery of the event per subscription, due at `at`. */
  async insertPendingDeliveries(exec: Executor, event: { id: string; type: string }, subscriptionIds: string[], at: number): Promise<void> {
    if (!subscriptionIds.length) return;
    await exec
      .insertInto('webhook_deliveries')
      .values(subscriptionIds.map((s) => ({ id: randomUUID(), subscription_id: s, event_id: event.id, event_type: event.type, status: 'pending', attempts: 0, next_attempt_at: at, locked_by: null, locked_until: null, created_at: at, last_attempt_at: null, delivered_at: null, last_status: null, last_error: null, retry_from: null })))
      .execute();
  }

  /** Pending deliveries of disabled endpoints created before `cutoff` become failed with `reason`; how many. */
  async expireHeldDeliveries(exec: Executor, cutoff: number, reason: string): Promise<number> {
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
  async deleteFinishedDeliveries(exec: Executor, cutoff: number): Promise<number> {
    const old = exec.selectFrom('webhook_deliveries').select('id').where('status', 'in', FINISHED).where('created_at', '<', cutoff);
    await exec.deleteFrom('webhook_attempts').where('delivery_id', 'in', old).execute();
    const r = await exec.deleteFrom('webhook_deliveries').where('status', 'in', FINISHED).where('created_at', '<', cutoff).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Events created before `cutoff` that no delivery refers to any more; how many. */
  async deleteDeliveredEvents(exec: Executor, cutoff: number): Promise<number> {
    const waiting = exec.selectFrom('webhook_deliveries').select('event_id');
    const r = await exec.deleteFrom('outbox_events').where('created_at', '<', cutoff).where('id', 'not in', waiting).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
