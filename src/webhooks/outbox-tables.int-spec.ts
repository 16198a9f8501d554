import { createTestDatabase, databaseKinds, TestDatabase } from '../../test/support/databases';
import { loadConfig } from '../config/configuration';
import { Storage } from '../storage/storage';
import { DeliveriesRepository } from './deliveries.repository';
import { OutboxEventsRepository } from './outbox-events.repository';
import { SubscriptionsRepository } from './subscriptions.repository';

const sub = (id: string, enabled: number) => ({
  id, url: `http://127.0.0.1/${id}`, description: null, event_types: '["moderation.completed"]', enabled, secret: 's', previous_secret: null, previous_secret_expires_at: null,
  failing_since: null, disabled_at: null, disabled_reason: null, created_by: 'admin', created_at: 0, updated_at: 0,
});

describe.each(databaseKinds())('outbox events and their deliveries on %s', (kind) => {
  let tdb: TestDatabase;
  let storage: Storage;
  let events: OutboxEventsRepository;
  let subscriptions: SubscriptionsRepository;
  let repo: DeliveriesRepository;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    storage = await Storage.open(tdb.storage()(loadConfig({})).storage);
    [events, subscriptions, repo] = [new OutboxEventsRepository(storage), new SubscriptionsRepository(storage), new DeliveriesRepository(storage)];
    await storage.db.insertInto('webhook_subscriptions').values([sub('on', 1), sub('off', 0)]).execute();
  });
  afterAll(async () => {
    await storage?.close();
    await tdb?.drop();
  });

  const deliveries = () => storage.db.selectFrom('webhook_deliveries').select(['subscription_id', 'event_id', 'status', 'last_error']).orderBy('event_id').orderBy('subscription_id').execute();

  it('writes an event and its pending deliveries in the caller’s transaction, or neither', async () => {
    await storage.transaction(async (trx) => {
      await events.insert(trx, { id: 'e1', type: 'moderation.completed', payload: '{}', created_at: 100, request_id: null });
      await repo.insertPending(trx, { id: 'e1', type: 'moderation.completed' }, ['on', 'off'], 100);
    });
    await expect(
      storage.transaction(async (trx) => {
        await events.insert(trx, { id: 'e2', type: 'moderation.completed', payload: '{}', created_at: 100, request_id: null });
        await repo.insertPending(trx, { id: 'e2', type: 'moderation.completed' }, ['on'], 100);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await subscriptions.eventTypes(storage.db)).map((s) => s.id).sort()).toEqual(['off', 'on']);
    expect(await deliveries()).toEqual([
      { subscription_id: 'off', event_id: 'e1', status: 'pending', last_error: null },
      { subscription_id: 'on', event_id: 'e1', status: 'pending', last_error: null },
    ]);
  });

  it('retention: held deliveries expire, finished ones go with their attempts, then events nothing waits for', async () => {
    await storage.db.updateTable('webhook_deliveries').set({ status: 'delivered' }).where('subscription_id', '=', 'on').execute();
    const [onId] = (await storage.db.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', 'on').execute()).map((r) => r.id);
    await storage.db.insertInto('webhook_attempts').values({ id: 'a1', delivery_id: onId, attempt: 1, instance: 'i', at: 100, duration_ms: 1, status_code: 200, error: null, response_snippet: null }).execute();
    await events.insert(storage.db, { id: 'e3', type: 'moderation.completed', payload: '{}', created_at: 5000, request_id: null });
    expect(await repo.expireHeld(storage.db, 50, 'expired')).toBe(0);
    expect(await repo.expireHeld(storage.db, 1000, 'expired')).toBe(1);
    expect(await events.deleteDelivered(storage.db, 1000)).toBe(0); // deliveries still refer to e1
    expect(await repo.deleteFinished(storage.db, 1000)).toBe(2);
    expect(await storage.db.selectFrom('webhook_attempts').select('id').execute()).toEqual([]);
    expect(await events.deleteDelivered(storage.db, 1000)).toBe(1);
    expect((await storage.db.selectFrom('outbox_events').select('id').execute()).map((r) => r.id)).toEqual(['e3']);
  });

  it('deleting a subscription’s deliveries takes their attempts and leaves other subscriptions’ rows', async () => {
    await events.insert(storage.db, { id: 'e4', type: 'moderation.completed', payload: '{}', created_at: 6000, request_id: null });
    await repo.insertPending(storage.db, { id: 'e4', type: 'moderation.completed' }, ['on', 'off'], 6000);
    const [onId] = (await storage.db.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', 'on').execute()).map((r) => r.id);
    await storage.db.insertInto('webhook_attempts').values({ id: 'a2', delivery_id: onId, attempt: 1, instance: 'i', at: 6000, duration_ms: 1, status_code: 500, error: 'HTTP 500', response_snippet: null }).execute();
    await storage.transaction((trx) => repo.deleteBySubscription(trx, 'on'));
    expect(await deliveries()).toEqual([{ subscription_id: 'off', event_id: 'e4', status: 'pending', last_error: null }]);
    expect(await storage.db.selectFrom('webhook_attempts').select('id').execute()).toEqual([]);
  });
});
