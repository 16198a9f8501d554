import { AppError } from '../common/app-error';
import { jsonReply, Reply } from '../common/reply';
import { AppConfig } from '../config/configuration';
import { Clock } from '../storage/clock';
import { IdempotencyKeyRow, IdempotencyRepository, StoredAnswer } from './idempotency.repository';
import { IdempotencyService } from './idempotency.service';

/**
 * Service tier: IdempotencyService over an in-memory repository that keeps the real one's contract
 * (reserve throws on a taken key, relock is a compare-and-set, release frees only unanswered rows), so
 * the reservation, replay and take-over rules are checked without a database (the SQL is covered by
 * idempotency.repository.int-spec.ts and the e2e tier).
 */
const TTL = 86_400_000;
const REQUEST_TIMEOUT = 30_000;
const DEADLINE = 10_000;
const LOCK = REQUEST_TIMEOUT + DEADLINE + 5000;

class MemoryRepository {
  readonly rows = new Map<string, IdempotencyKeyRow>();
  /** Set to make the next reserve lose a race to a row inserted by "another request". */
  raceWith: IdempotencyKeyRow | null = null;

  private id = (client: string, key: string) => `${client}\u0000${key}`;

  async find(client: string, key: string) {
    const r = this.rows.get(this.id(client, key));
    return r && { ...r };
  }
  async reserve(row: IdempotencyKeyRow) {
    if (this.raceWith) {
      this.rows.set(this.id(row.client, row.key), this.raceWith);
      this.raceWith = null;
    }
    if (this.rows.has(this.id(row.client, row.key))) throw new Error('UNIQUE constraint failed');
    this.rows.set(this.id(row.client, row.key), { ...row });
  }
  async deleteIfExpired(client: string, key: string, now: number) {
    const r = this.rows.get(this.id(client, key));
    if (r && r.expires_at <= now) this.rows.delete(this.id(client, key));
  }
  async release(client: string, key: string) {
    if (this.rows.get(this.id(client, key))?.status === 'in_progress') this.rows.delete(this.id(client, key));
  }
  async relock(client: string, key: string, lockedUntil: number, until: number) {
    const r = this.rows.get(this.id(client, key));
    if (!r || r.status !== 'in_progress' || r.locked_until !== lockedUntil) return false;
    r.locked_until = until;
    return true;
  }
  async complete(client: string, key: string, a: StoredAnswer) {
    const r = this.rows.get(this.id(client, key));
    if (r) Object.assign(r, { status: 'completed', response_status: a.status, response_headers: a.headers, response_body: a.body });
  }
}

function setup() {
  const repo = new MemoryRepository();
  const clock = { t: Date.UTC(2026, 11, 5), now() { return this.t; } };
  const config = { idempotency: { ttlMs: TTL }, http: { requestTimeoutMs: REQUEST_TIMEOUT }, reliability: { deadlineMs: DEADLINE } } as unknown as AppConfig;
  const service = new IdempotencyService(config, repo as unknown as IdempotencyRepository, clock as unknown as Clock);
  return { service, repo, clock };
}

const answer = (id: string): Reply => jsonReply(200, { id, decision: 'allow' }, { location: `/v1/moderations/${id}` });

describe('IdempotencyService (in-memory repository)', () => {
  it('reserves the key with the moderation id the work then uses, and stores the answer', async () => {
    const { service, repo, clock } = setup();
    const ids: string[] = [];
    const reply = await service.run('alice', 'k1', 'print-a', async (id) => (ids.push(id), answer(id)));
    expect(reply).toEqual(answer(ids[0]));
    const row = await repo.find('alice', 'k1');
    expect(row).toMatchObject({ status: 'completed', moderation_id: ids[0], fingerprint: 'print-a', response_status: 200, expires_at: clock.t + TTL, locked_until: clock.t + LOCK });
  });

  it('replays the stored answer to a retry with the same request, without running the work again', async () => {
    const { service } = setup();
    const first = await service.run('alice', 'k1', 'print-a', async (id) => answer(id));
    const work = jest.fn(async (id: string) => answer(id));
    const again = await service.run('alice', 'k1', 'print-a', work);
    expect(work).not.toHaveBeenCalled();
    expect(again).toEqual({ ...first, headers: { ...first.headers, 'idempotent-replayed': 'true' } });
  });

  it('keys are per client: the same key of another API key is a new request', async () => {
    const { service } = setup();
    const a = await service.run('alice', 'k1', 'print-a', async (id) => answer(id));
    const b = await service.run('bob', 'k1', 'print-a', async (id) => answer(id));
    expect((b.body as { id: string }).id).not.toBe((a.body as { id: string }).id);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses the same key with a different request: 422 idempotency_key_reused', async () => {
    const { service } = setup();
    await service.run('alice', 'k1', 'print-a', async (id) => answer(id));
    await expect(service.run('alice', 'k1', 'print-b', async (id) => answer(id))).rejects.toMatchObject({ code: 'idempotency_key_reused', status: 422 });
  });

  it('a retry while the first request still holds the lock gets 409 idempotency_key_in_use with Retry-After', async () => {
    const { service } = setup();
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const first = service.run('alice', 'k1', 'print-a', (id) => {
      started();
      return new Promise<Reply>((r) => (release = () => r(answer(id))));
    });
    await running; // the first request holds its reservation and is working
    const err = await service.run('alice', 'k1', 'print-a', async (id) => answer(id)).catch((e: AppError) => e);
    expect(err).toMatchObject({ code: 'idempotency_key_in_use', status: 409, retryAfter: 1 });
    release();
    await first;
  });

  it('takes over a reservation whose request died, with the same moderation id, once its lock expired', async () => {
    const { service, repo, clock } = setup();
    await repo.reserve({ client: 'alice', key: 'k1', fingerprint: 'print-a', status: 'in_progress', moderation_id: 'm-dead', response_status: null, response_headers: null, response_body: null, created_at: clock.t, expires_at: clock.t + TTL, locked_until: clock.t + LOCK });
    clock.t += LOCK + 1;
    const ids: string[] = [];
    await service.run('alice', 'k1', 'print-a', async (id) => (ids.push(id), answer(id)));
    expect(ids).toEqual(['m-dead']);
  });

  it('stores and replays an error the client caused (4xx); a server fault frees the key for a retry', async () => {
    const { service, repo } = setup();
    const bad = new AppError('image_undecodable', 'the image could not be decoded');
    await expect(service.run('alice', 'k1', 'print-a', async () => Promise.reject(bad))).rejects.toBe(bad);
    const replay = await service.run('alice', 'k1', 'print-a', async (id) => answer(id));
    expect(replay).toMatchObject({ status: bad.status, body: { code: 'image_undecodable' }, headers: { 'idempotent-replayed': 'true' } });

    await expect(service.run('alice', 'k2', 'print-a', async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(await repo.find('alice', 'k2')).toBeUndefined();
    const retried = await service.run('alice', 'k2', 'print-a', async (id) => answer(id));
    expect(retried.status).toBe(200);
  });

  it('an expired key is a new request: a fresh reservation and a new moderation id', async () => {
    const { service, clock } = setup();
    const first = await service.run('alice', 'k1', 'print-a', async (id) => answer(id));
    clock.t += TTL;
    const second = await service.run('alice', 'k1', 'print-b', async (id) => answer(id));
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect((second.body as { id: string }).id).not.toBe((first.body as { id: string }).id);
  });

  it('losing the insert race to a concurrent request with the same key follows that request', async () => {
    const { service, repo, clock } = setup();
    repo.raceWith = { client: 'alice', key: 'k1', fingerprint: 'print-a', status: 'in_progress', moderation_id: 'm-winner', response_status: null, response_headers: null, response_body: null, created_at: clock.t, expires_at: clock.t + TTL, locked_until: clock.t + LOCK };
    const work = jest.fn(async (id: string) => answer(id));
    await expect(service.run('alice', 'k1', 'print-a', work)).rejects.toMatchObject({ code: 'idempotency_key_in_use' });
    expect(work).not.toHaveBeenCalled();
  });

  it('rejects keys that are not 1..255 visible ASCII characters', () => {
    expect(IdempotencyService.validKey(undefined)).toBeUndefined();
    expect(IdempotencyService.validKey('abc-123_~')).toBe('abc-123_~');
    for (const bad of ['', 'with space', 'é', 'x'.repeat(256)]) expect(() => IdempotencyService.validKey(bad)).toThrow(AppError);
  });
});
