import type { OutboxService } from '../webhooks/outbox.service';
import type { Executor } from '../storage/database.types';
import { ReviewEvents } from './review-events';
import type { ReviewsRepository } from './reviews.repository';

/**
 * The review and appeal webhook payloads, byte for byte (subscribers parse them; key order included),
 * and which verdict answers an appeal. Outbox and repository are mocked.
 */
const EXEC = { trx: true } as unknown as Executor;
const AT = Date.UTC(2026, 2, 1, 12);
const ISO = new Date(AT).toISOString();
const RECORD = { external_id: 'ext-1', client: 'uploader', decision: 'flag' };

function setup(appealedAt?: number, decisionTimes: number[] = [AT]) {
  const emitted: { type: string; json: string }[] = [];
  const outbox = { emit: jest.fn(async (exec: Executor, type: string, data: Record<string, unknown>, at: number) => {
    expect([exec, at]).toEqual([EXEC, AT]);
    emitted.push({ type, json: JSON.stringify(data) });
    return 'msg_1';
  }) };
  const reviews = { lastAppealAt: jest.fn(async () => appealedAt), lastDecisionTimes: jest.fn(async () => decisionTimes) };
  return { events: new ReviewEvents(outbox as unknown as OutboxService, reviews as unknown as ReviewsRepository), emitted };
}

const verdict = { reviewId: 'rev-1', moderationId: 'mod-1', record: RECORD, verdict: 'overturn', status: 'closed', policies: ['weapons'], note: null, moderator: 'mod-b' };
const DECIDED = `{"review_id":"rev-1","moderation_id":"mod-1","external_id":"ext-1","client":"uploader","original_decision":"flag","verdict":"overturn","status":"closed","policies":["weapons"],"note":null,"moderator":"mod-b","decided_at":"${ISO}"}`;

describe('ReviewEvents', () => {
  it('appeal.opened', async () => {
    const { events, emitted } = setup();
    await events.appealed(EXEC, { reviewId: 'rev-1', moderationId: 'mod-1', record: RECORD, appellant: 'uploader', reason: 'it is my dog' }, AT);
    expect(emitted).toEqual([{ type: 'appeal.opened', json: `{"review_id":"rev-1","moderation_id":"mod-1","external_id":"ext-1","client":"uploader","original_decision":"flag","appellant":"uploader","reason":"it is my dog","opened_at":"${ISO}"}` }]);
  });

  it('review.decided alone for an item never appealed', async () => {
    const { events, emitted } = setup(undefined);
    await events.decided(EXEC, verdict, AT);
    expect(emitted).toEqual([{ type: 'review.decided', json: DECIDED }]);
  });

  it('review.decided and appeal.decided (the same data) for the first verdict after an appeal', async () => {
    const { events, emitted } = setup(AT - 5000, [AT, AT - 10_000]);
    await events.decided(EXEC, verdict, AT);
    expect(emitted).toEqual([{ type: 'review.decided', json: DECIDED }, { type: 'appeal.decided', json: DECIDED }]);
  });

  it('no appeal.decided when the appeal was already answered by an earlier verdict (an escalation, say)', async () => {
    const { events, emitted } = setup(AT - 10_000, [AT, AT - 5000]);
    await events.decided(EXEC, verdict, AT);
    expect(emitted.map((e) => e.type)).toEqual(['review.decided']);
  });

  it('a moderation that is not recorded reads as nulls', async () => {
    const { events, emitted } = setup(undefined);
    await events.decided(EXEC, { ...verdict, record: undefined, note: 'n' }, AT);
    expect(JSON.parse(emitted[0].json)).toMatchObject({ moderation_id: 'mod-1', external_id: null, client: null, original_decision: null, note: 'n' });
  });
});
