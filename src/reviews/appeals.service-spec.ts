import type { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import type { Caller } from '../common/api-keys';
import { AppConfig } from '../config/configuration';
import { RecordsRepository } from '../records/records.repository';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { AppealsService } from './appeals.service';
import { ReviewEvents } from './review-events';
import { ReviewRow, ReviewsRepository } from './reviews.repository';

/**
 * Service tier: AppealsService with its repositories, audit log, events and transaction mocked. What is
 * checked is the service's own logic: who may appeal, the limits per item and per key (with the
 * Retry-After it computes), which policies the reopened item names, that appeal.opened is written in
 * the appeal's transaction and the worker woken only after its commit, and that a refusal writes nothing.
 */
const NOW = Date.UTC(2026, 2, 1, 12);
const HOUR = 3600_000;
const TRX = { trx: true };
const ingest: Caller = { name: 'uploader', roles: ['ingest'] } as Caller;
const moderator: Caller = { name: 'ann', roles: ['moderator'] } as Caller;

const evidence = (actions: Record<string, string>) => JSON.stringify({ policies: Object.entries(actions).map(([policy_id, action]) => ({ policy_id, action })) });
const record = { id: 'mod-1', client: 'uploader', decision: 'block', max_score: 0.9, evidence: evidence({ weapons: 'block', drugs: 'flag', alcohol: 'allow' }) };

function item(over: Partial<ReviewRow> = {}): ReviewRow {
  return {
    id: 'rev-1', moderation_id: 'mod-1', status: 'closed', origin: 'policy', policies: '["weapons"]', decision: 'block', max_score: 0.9,
    created_at: NOW - 10 * HOUR, opened_at: NOW - 10 * HOUR, updated_at: NOW - 5 * HOUR, lease_holder: null, lease_expires_at: null,
    last_verdict: 'uphold', closed_at: NOW - 5 * HOUR, appeal_count: 0, ...over,
  };
}

function setup(opts: { existing?: ReviewRow; appealsInHour?: { n: number; oldest: number | null }; maxPerItem?: number; perHour?: number } = {}) {
  const writes: string[] = [];
  const repo = {
    byModeration: jest.fn(async () => opts.existing),
    appealsBy: jest.fn(async () => opts.appealsInHour ?? { n: 0, oldest: null }),
    reopen: jest.fn(async (_e: unknown, id: string, now: number, policies: string, count: number): Promise<ReviewRow | undefined> => {
      writes.push('reopen');
      return item({ id, status: 'open', origin: 'appeal', policies, opened_at: now, updated_at: now, closed_at: null, appeal_count: count + 1 });
    }),
    attachAppeal: jest.fn(async (_e: unknown, id: string, now: number, policies: string, count: number) => {
      writes.push('attach');
      return item({ ...opts.existing, id, origin: 'appeal', policies, updated_at: now, appeal_count: count + 1 });
    }),
    insertItemIfAbsent: jest.fn(async () => (writes.push('insert item'), true)),
    insertAppeal: jest.fn(async () => void writes.push('insert appeal')),
  };
  const records = { get: jest.fn(async (id: string) => (id === record.id ? record : undefined)) };
  const audit = { append: jest.fn(async () => void writes.push('audit')) };
  const reviewEvents = { appealed: jest.fn(async () => void writes.push('appeal.opened')) };
  const events = { emit: jest.fn((name: string) => writes.push(`after commit: ${name}`)) };
  const storage = {
    transaction: jest.fn(async <T>(fn: (trx: unknown) => Promise<T>) => {
      const r = await fn(TRX);
      writes.push('commit');
      return r;
    }),
  };
  const config = { storage: { appealMaxPerItem: opts.maxPerItem ?? 3, appealsPerHourPerKey: opts.perHour ?? 60 } } as unknown as AppConfig;
  const service = new AppealsService(
    config,
    storage as unknown as Storage,
    repo as unknown as ReviewsRepository,
    records as unknown as RecordsRepository,
    audit as unknown as AuditService,
    { now: () => NOW } as unknown as Clock,
    reviewEvents as unknown as ReviewEvents,
    events as unknown as EventEmitter2,
  );
  return { service, repo, audit, reviewEvents, writes };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('AppealsService (mocked repositories and audit)', () => {
  it('reopens a closed item with origin appeal, adding the policies that fired to the ones it named', async () => {
    const { service, repo, reviewEvents, writes } = setup({ existing: item() });
    const view = await service.appeal('mod-1', 'it is a water pistol', { caller: ingest, requestId: 'req-1' });
    expect(repo.reopen).toHaveBeenCalledWith(TRX, 'rev-1', NOW, JSON.stringify(['weapons', 'drugs']), 0);
    expect(view).toMatchObject({ id: 'rev-1', status: 'open', origin: 'appeal', policies: ['weapons', 'drugs'], appeal_count: 1 });
    expect(writes).toEqual(['reopen', 'insert appeal', 'audit', 'appeal.opened', 'commit', 'after commit: outbox.committed']);
    expect(reviewEvents.appealed).toHaveBeenCalledWith(TRX, { reviewId: 'rev-1', moderationId: 'mod-1', record, appellant: 'uploader', reason: 'it is a water pistol' }, NOW);
    expect(repo.insertAppeal).toHaveBeenCalledWith(TRX, expect.objectContaining({ review_id: 'rev-1', moderation_id: 'mod-1', appellant: 'uploader', reason: 'it is a water pistol', created_at: NOW }));
  });

  it('opens a new item for a moderation that never had one (a block), naming only the policies that fired', async () => {
    const { service, repo, audit } = setup();
    const view = await service.appeal('mod-1', 'wrong', { caller: ingest });
    expect(repo.insertItemIfAbsent).toHaveBeenCalledWith(TRX, expect.objectContaining({ moderation_id: 'mod-1', status: 'open', origin: 'appeal', policies: '["weapons","drugs"]', decision: 'block', appeal_count: 1 }));
    expect(view).toMatchObject({ status: 'open', origin: 'appeal', appeal_count: 1 });
    expect(audit.append).toHaveBeenCalledWith(TRX, expect.objectContaining({ actor: 'uploader', action: 'review.appealed', before: null, after: { status: 'open', moderation_id: 'mod-1', reason: 'wrong' } }), NOW);
  });

  it('attaches to an item still waiting for its verdict, keeping its status', async () => {
    const { service, repo } = setup({ existing: item({ status: 'claimed', closed_at: null, last_verdict: null, lease_holder: 'ann', lease_expires_at: NOW + HOUR }) });
    const view = await service.appeal('mod-1', 'please look', { caller: moderator });
    expect(repo.attachAppeal).toHaveBeenCalled();
    expect(repo.reopen).not.toHaveBeenCalled();
    expect(view).toMatchObject({ status: 'claimed', claimed: true, origin: 'appeal' });
  });

  it("an ingest key cannot appeal another client's moderation: it reads as not found", async () => {
    const { service, writes } = setup({ existing: item() });
    const e = await refusal(service.appeal('mod-1', 'x', { caller: { name: 'someone-else', roles: ['ingest'] } as Caller }));
    expect(e.code).toBe('not_found');
    expect(writes).toEqual([]);
  });

  it('a moderator may appeal any moderation; an unknown id is not found for everyone', async () => {
    await expect(setup({ existing: item() }).service.appeal('mod-1', 'x', { caller: moderator })).resolves.toMatchObject({ status: 'open' });
    expect((await refusal(setup().service.appeal('mod-2', 'x', { caller: moderator }))).code).toBe('not_found');
  });

  it('refuses a second open appeal (409 appeal_open) and writes nothing', async () => {
    const { service, writes } = setup({ existing: item({ origin: 'appeal', status: 'open', closed_at: null, appeal_count: 1 }) });
    const e = await refusal(service.appeal('mod-1', 'again', { caller: ingest }));
    expect([e.code, e.status]).toEqual(['appeal_open', 409]);
    expect(writes).toEqual([]);
  });

  it('refuses past APPEAL_MAX_PER_ITEM (409 appeal_limit_reached) with the count and the limit', async () => {
    const { service, writes } = setup({ existing: item({ appeal_count: 2 }), maxPerItem: 2 });
    const e = await refusal(service.appeal('mod-1', 'again', { caller: ingest }));
    expect([e.code, e.status]).toEqual(['appeal_limit_reached', 409]);
    expect(e.details).toEqual({ review_id: 'rev-1', appeal_count: 2, limit: 2 });
    expect(writes).toEqual([]);
  });

  it('a concurrent appeal that reopened first makes this one appeal_open', async () => {
    const { service, repo, writes } = setup({ existing: item() });
    repo.reopen.mockResolvedValueOnce(undefined);
    expect((await refusal(service.appeal('mod-1', 'x', { caller: ingest }))).code).toBe('appeal_open');
    expect(writes).toEqual([]);
  });

  it('over APPEALS_PER_HOUR_PER_KEY: 429 appeal_rate_limited, Retry-After until the oldest appeal leaves the hour', async () => {
    const { service, repo, writes } = setup({ existing: item(), perHour: 5, appealsInHour: { n: 5, oldest: NOW - HOUR + 90_500 } });
    const e = await refusal(service.appeal('mod-1', 'x', { caller: ingest }));
    expect([e.code, e.status, e.retryAfter]).toEqual(['appeal_rate_limited', 429, 91]);
    expect(repo.appealsBy).toHaveBeenCalledWith(TRX, 'uploader', NOW - HOUR);
    expect(writes).toEqual([]);
  });

  it('one appeal under the hourly limit passes', async () => {
    await expect(setup({ existing: item(), perHour: 5, appealsInHour: { n: 4, oldest: NOW - 1000 } }).service.appeal('mod-1', 'x', { caller: ingest })).resolves.toMatchObject({ origin: 'appeal' });
  });
});
