import { EventEmitter2 } from '@nestjs/event-emitter';
import { Events } from '../common/events';
import { AppConfig } from '../config/configuration';
import { IdempotencyService } from '../idempotency/idempotency.service';
import type { ModerationBody } from '../records/moderation-body';
import { RecordsService } from '../records/records.service';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { OutboxService } from '../webhooks/outbox.service';
import { JobsRepository } from './jobs.repository';
import { ModerationCommit } from './moderation-commit.service';

/**
 * Service tier: ModerationCommit over fakes of the transaction, the records and the outbox. What is
 * checked here is what the commit tells the rest of the instance afterwards: the webhook worker is
 * woken only when the commit queued deliveries (with no endpoint subscribed an upload must not cost a
 * claim query), and never for a commit that rolled back.
 */
function setup(deliveriesPerEvent: number, failInside = false) {
  const emitted: string[] = [];
  const outbox = {
    emit: jest.fn(async (_trx: unknown, type: string) => {
      emitted.push(type);
      if (failInside) throw new Error('disk full');
      return deliveriesPerEvent;
    }),
  };
  const storage = { transaction: async <T>(fn: (trx: unknown) => Promise<T>) => fn({}) };
  const records = { prepare: async () => null, abandon: async () => undefined };
  const events = new EventEmitter2();
  const wakes: unknown[] = [];
  events.on(Events.outboxCommitted, () => wakes.push(1));
  const commit = new ModerationCommit(
    { instance: { id: 'i1' } } as AppConfig,
    storage as unknown as Storage,
    records as unknown as RecordsService,
    outbox as unknown as OutboxService,
    {} as JobsRepository,
    {} as IdempotencyService,
    { now: () => 1000 } as Clock,
    events,
  );
  return { commit, emitted, wakes };
}

const body = (banks = false) => ({ id: 'm1', decision: 'allow', client: 'k', ...(banks ? { banks: [{ bank: 'b' }] } : {}) }) as unknown as ModerationBody;

describe('ModerationCommit: waking the webhook worker', () => {
  it('does not wake it when no endpoint wants the events', async () => {
    const { commit, emitted, wakes } = setup(0);
    await commit.commit({ body: body(true) }, {});
    expect(emitted).toEqual(['moderation.completed', 'bank.match']);
    expect(wakes).toHaveLength(0);
  });

  it('wakes it once after a commit that queued deliveries', async () => {
    const { commit, wakes } = setup(2);
    await commit.commit({ body: body() }, {});
    expect(wakes).toHaveLength(1);
  });

  it('does not wake it when the transaction failed', async () => {
    const { commit, wakes } = setup(1, true);
    await expect(commit.commit({ body: body() }, {})).rejects.toMatchObject({ code: 'internal_error' });
    expect(wakes).toHaveLength(0);
  });
});
