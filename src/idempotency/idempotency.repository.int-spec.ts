import { createTestDatabase, databaseKinds, TestDatabase } from '../../test/support/databases';
import { loadConfig } from '../config/configuration';
import { Storage } from '../storage/storage';
import { IdempotencyKeyRow, IdempotencyRepository } from './idempotency.repository';

const row = (key: string, over: Partial<IdempotencyKeyRow> = {}): IdempotencyKeyRow => ({
  client: 'c', key, fingerprint: 'f', status: 'in_progress', moderation_id: `m-${key}`, response_status: null, response_headers: null, response_body: null,
  created_at: 1000, expires_at: 5000, locked_until: 2000, ...over,
});

describe.each(databaseKinds())('IdempotencyRepository on %s', (kind) => {
  let tdb: TestDatabase;
  let storage: Storage;
  let repo: IdempotencyRepository;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    storage = await Storage.open(tdb.storage()(loadConfig({})).storage);
    repo = new IdempotencyRepository(storage);
  });
  afterAll(async () => {
    await storage?.close();
    await tdb?.drop();
  });

  it('reserves a (client, key) once; a second reservation is refused', async () => {
    await repo.reserve(row('a'));
    await expect(repo.reserve(row('a', { moderation_id: 'other' }))).rejects.toBeDefined();
    expect((await repo.find('c', 'a'))?.moderation_id).toBe('m-a');
  });

  it('takes over an unanswered reservation only while its lock is the one read (one winner)', async () => {
    await repo.reserve(row('b'));
    const wins = await Promise.all([repo.relock('c', 'b', 2000, 3000), repo.relock('c', 'b', 2000, 3001)]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await repo.relock('c', 'b', 2000, 4000)).toBe(false);
  });

  it('stores the answer by key or by moderation id, and never relocks an answered key', async () => {
    await repo.reserve(row('d'));
    await repo.complete('c', 'd', { status: 201, headers: '{}', body: Buffer.from('one') });
    await repo.reserve(row('e'));
    await storage.transaction((trx) => repo.completeModeration(trx, 'm-e', { status: 200, headers: null, body: Buffer.from('two') }));
    const [d, e] = [await repo.find('c', 'd'), await repo.find('c', 'e')];
    expect([d?.status, d?.response_status, Buffer.from(d!.response_body!).toString()]).toEqual(['completed', 201, 'one']);
    expect([e?.status, e?.response_status, Buffer.from(e!.response_body!).toString()]).toEqual(['completed', 200, 'two']);
    expect(await repo.relock('c', 'd', 2000, 9000)).toBe(false);
    await repo.release('c', 'd');
    expect(await repo.find('c', 'd')).toBeDefined();
  });

  it('deletes expired keys only', async () => {
    await repo.reserve(row('old', { expires_at: 100 }));
    await repo.reserve(row('young', { expires_at: 10_000 }));
    await repo.deleteIfExpired('c', 'young', 500);
    expect(await repo.find('c', 'young')).toBeDefined();
    await repo.deleteExpired(500);
    expect(await repo.find('c', 'old')).toBeUndefined();
    expect(await repo.find('c', 'young')).toBeDefined();
    await repo.release('c', 'young');
    expect(await repo.find('c', 'young')).toBeUndefined();
  });
});
