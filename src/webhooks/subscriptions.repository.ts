import { Injectable } from '@nestjs/common';
import type { Executor, WebhookSubscriptionsTable } from '../storage/database.types';
import { Storage } from '../storage/storage';

export type SubscriptionRow = WebhookSubscriptionsTable;

/** SQL of `webhook_subscriptions`: the endpoints, their event types, secrets and enabled state. */
@Injectable()
export class SubscriptionsRepository {
  constructor(private readonly storage: Storage) {}

  async insert(exec: Executor, row: SubscriptionRow): Promise<void> {
    await exec.insertInto('webhook_subscriptions').values(row).execute();
  }

  get(id: string, exec: Executor = this.storage.db): Promise<SubscriptionRow | undefined> {
    return exec.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(): Promise<SubscriptionRow[]> {
    return this.storage.db.selectFrom('webhook_subscriptions').selectAll().orderBy('created_at').orderBy('id').execute();
  }

  byIds(ids: string[]): Promise<SubscriptionRow[]> {
    return ids.length ? this.storage.db.selectFrom('webhook_subscriptions').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]);
  }

  /** Every subscription with its JSON array of event types, read in the caller's transaction (the fan-out of an event). */
  eventTypes(exec: Executor): Promise<{ id: string; event_types: string }[]> {
    return exec.selectFrom('webhook_subscriptions').select(['id', 'event_types']).execute();
  }

  async update(exec: Executor, id: string, set: Partial<SubscriptionRow>): Promise<SubscriptionRow | undefined> {
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

  /** False when it did not exist. Its deliveries go first (DeliveriesRepository.deleteBySubscription, same transaction). */
  async delete(exec: Executor, id: string): Promise<boolean> {
    const r = await exec.deleteFrom('webhook_subscriptions').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
