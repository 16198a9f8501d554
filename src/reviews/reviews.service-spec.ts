import type { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditService } from '../audit/audit.service';
import { BanksService } from '../banks/banks.service';
import { AppError } from '../common/app-error';
import type { Caller } from '../common/api-keys';
import { AppConfig } from '../config/configuration';
import { MediaService } from '../media/media.service';
import { BlobStore } from '../records/blob-store';
import { RecordsRepository } from '../records/records.repository';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { ReviewEvents } from './review-events';
import { ReviewRow, ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

/**
 * Service tier: ReviewsService.decide with its repositories, audit log, bank removal, events and
 * transaction mocked. Checked: which policies a verdict may name (fired, or scored for an admin),
 * what one verdict writes and in which order inside its transaction (decision, audit entry, bank
 * removal for an overturn, its webhook events), and that the bank index and the delivery worker hear
 * of it only after the commit, never after a rollback.
 */
const NOW = Date.UTC(2026, 2, 1, 12);
const HOUR = 3600_000;
const TRX = { trx: true };
const ann: Caller = { name: 'ann', roles: ['moderator'] } as Caller;
const root: Caller = { name: 'root', roles: ['admin'] } as Caller;

const evidence = (actions: Record<string, string>) => JSON.stringify({ policies: Object.entries(actions).map(([policy_id, action]) => ({ policy_id, action })) });
const record = { id: 'mod-1', client: 'uploader', decision: 'block', max_score: 0.9, evidence: evidence({ weapons: 'block', drugs: 'flag', alcohol: 'allow' }) };

function item(over: Partial<ReviewRow> = {}): ReviewRow {
  return {
    id: 'rev-1', moderation_id: 'mod-1', status: 'claimed', origin: 'policy', policies: '["weapons","drugs"]', decision: 'block', max_score: 0.9,
    created_at: NOW - HOUR, opened_at: NOW - HOUR, updated_at: NOW - 60_000, lease_holder: 'ann', lease_expires_at: NOW + 60_000,
    last_verdict: null, closed_at: null, appeal_count: 0, ...over,
  };
}

function setup(opts: { failEvents?: boolean; leaseLost?: boolean } = {}) {
  const steps: string[] = [];
  const repo = {
    get: jest.fn(async () => item()),
    decide: jest.fn(async (_e: unknown, id: string, _who: string, now: number, status: string, verdict: string) => {
      steps.push(`decide ${status}`);
      return opts.leaseLost ? undefined : item({ id, status: status as ReviewRow['status'], last_verdict: verdict, closed_at: now, lease_holder: null });
    }),
    insertDecision: jest.fn(async () => void steps.push('insert decision')),
  };
  const records = { get: jest.fn(async () => record) };
  const audit = { append: jest.fn(async (_e: unknown, entry: { action: string }) => void steps.push(`audit ${entry.action}`)) };
  const banks = {
    removeFromModeration: jest.fn(async () => (steps.push('unbank'), ['entry-1', 'entry-2'])),
    forget: jest.fn((ids: string[]) => steps.push(`after commit: forget ${ids.length}`)),
  };
  const reviewEvents = {
    decided: jest.fn(async () => {
      steps.push('review events');
      if (opts.failEvents) throw new Error('database went away');
    }),
  };
  const events = { emit: jest.fn((name: string) => steps.push(`after commit: ${name}`)) };
  const storage = {
    transaction: jest.fn(async <T>(fn: (trx: unknown) => Promise<T>) => {
      const r = await fn(TRX);
      steps.push('commit');
      return r;
    }),
  };
  const config = { storage: { leaseSeconds: 300, revealReasonRequired: true } } as unknown as AppConfig;
  const service = new ReviewsService(
    config,
    storage as unknown as Storage,
    repo as unknown as ReviewsRepository,
    records as unknown as RecordsRepository,
    {} as BlobStore,
    {} as MediaService,
    audit as unknown as AuditService,
    { now: () => NOW } as unknown as Clock,
    reviewEvents as unknown as ReviewEvents,
    banks as unknown as BanksService,
    events as unknown as EventEmitter2,
  );
  return { service, repo, audit, banks, reviewEvents, steps };
}

describe('ReviewsService.decide (mocked repositories, audit, banks and events)', () => {
  it('an uphold writes decision, audit entry and events in one transaction, then wakes the delivery worker', async () => {
    const { service, reviewEvents, banks, steps } = setup();
    const view = await service.decide('rev-1', { verdict: 'uphold', note: 'a real rifle' }, { caller: ann, requestId: 'req-1' });
    expect(steps).toEqual(['decide closed', 'insert decision', 'audit review.decided', 'review events', 'commit', 'after commit: forget 0', 'after commit: outbox.committed']);
    expect(banks.removeFromModeration).not.toHaveBeenCalled();
    // Without named policies the verdict judges every policy the item was queued for.
    expect(reviewEvents.decided).toHaveBeenCalledWith(TRX, { reviewId: 'rev-1', moderationId: 'mod-1', record, verdict: 'uphold', status: 'closed', policies: ['weapons', 'drugs'], note: 'a real rifle', moderator: 'ann' }, NOW);
    expect(view).toMatchObject({ id: 'rev-1', status: 'closed' });
  });

  it('an overturn removes what was banked from the moderation inside the transaction, and the index forgets it after the commit', async () => {
    const { service, banks, steps } = setup();
    await service.decide('rev-1', { verdict: 'overturn', policies: ['weapons'] }, { caller: ann, requestId: 'req-2' });
    expect(steps).toEqual(['decide closed', 'insert decision', 'audit review.decided', 'unbank', 'review events', 'commit', 'after commit: forget 2', 'after commit: outbox.committed']);
    expect(banks.removeFromModeration).toHaveBeenCalledWith(TRX, 'mod-1', 'ann', 'req-2', NOW);
    expect(banks.forget).toHaveBeenCalledWith(['entry-1', 'entry-2']);
  });

  it('an escalation leaves the item escalated, not closed', async () => {
    const { service, repo } = setup();
    await service.decide('rev-1', { verdict: 'escalate' }, { caller: ann });
    expect(repo.decide).toHaveBeenCalledWith(TRX, 'rev-1', 'ann', NOW, 'escalated', 'escalate');
  });

  it('a moderator may name only policies that fired: 422 policy_not_fired, nothing written', async () => {
    const { service, steps } = setup();
    const e = await service.decide('rev-1', { verdict: 'uphold', policies: ['alcohol'] }, { caller: ann }).catch((x: AppError) => x);
    expect(e).toBeInstanceOf(AppError);
    expect([(e as AppError).code, (e as AppError).details]).toEqual(['policy_not_fired', { policies: ['alcohol'], fired: ['weapons', 'drugs'] }]);
    expect(steps).toEqual([]);
  });

  it('an admin may name a policy that was scored but did not fire, and the audit entry says so', async () => {
    const { service, audit } = setup();
    await service.decide('rev-1', { verdict: 'overturn', policies: ['alcohol'] }, { caller: root });
    expect(audit.append).toHaveBeenCalledWith(TRX, expect.objectContaining({ action: 'review.decided', after: expect.objectContaining({ policies: ['alcohol'], not_fired: ['alcohol'] }) }), NOW);
  });

  it('when the transaction fails nothing is announced: no bank index change, no wake-up', async () => {
    const { service, banks, steps } = setup({ failEvents: true });
    await expect(service.decide('rev-1', { verdict: 'overturn' }, { caller: ann })).rejects.toThrow('database went away');
    expect(banks.forget).not.toHaveBeenCalled();
    expect(steps.filter((s) => s.startsWith('after commit') || s === 'commit')).toEqual([]);
  });

  it('without a live lease the verdict is refused with lease_not_held and nothing is announced', async () => {
    const { service, repo, steps } = setup({ leaseLost: true });
    repo.get.mockResolvedValue(item({ lease_holder: 'bob', lease_expires_at: NOW + 60_000 }));
    const e = await service.decide('rev-1', { verdict: 'uphold' }, { caller: ann }).catch((x: AppError) => x);
    expect([(e as AppError).code, (e as AppError).details]).toEqual(['lease_not_held', { review_id: 'rev-1', lease_holder: 'bob', lease_expires_at: new Date(NOW + 60_000).toISOString() }]);
    expect(steps.filter((s) => s.startsWith('after commit'))).toEqual([]);
  });
});
