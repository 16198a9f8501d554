import { Injectable } from '@nestjs/common';
import type { Executor, OutboxEventsTable } from '../storage/database.types';
import { Storage } from '../storage/storage';

export type EventRow = OutboxEventsTable;

/**
 * SQL of `outbox_events`, the events committed with the changes they describe. Writes take the
 * executor (database or transaction) so the caller decides what commits together.
 */
@Injectable()
export class OutboxEventsRepository {
  constructor(private readonly storage: Storage) {}

  async insert(exec: Executor, row: EventRow): Promise<void> {
    await exec.insertInto('outbox_events').values(row).execute();
  }

  byIds(ids: string[]): Promise<EventRow[]> {
    return ids.length ? this.storage.db.selectFrom('outbox_events').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]);
  }

  /** The request id of an event (null: none caused it, or the event is gone). */
  async requestId(eventId: string): Promise<string | null> {
    const r = await this.storage.db.selectFrom('outbox_events').select('request_id').where('id', '=', eventId).executeTakeFirst();
    return r?.request_id ?? null;
  }

  /** Events created before `cutoff` that no delivery refers to any more; how many. */
  async deleteDelivered(exec: Executor, cutoff: number): Promise<number> {
    const waiting = exec.selectFrom('webhook_deliveries').select('event_id');
    const r = await exec.deleteFrom('outbox_events').where('created_at', '<', cutoff).where('id', 'not in', waiting).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
