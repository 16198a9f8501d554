import { createTestDatabase, databaseKinds, TestDatabase } from '../../test/support/databases';
import { loadConfig } from '../config/configuration';
import { Storage } from '../storage/storage';
import { ReviewsRepository } from './reviews.repository';

const ITEMS = 12;

/**
 * Atomic claiming at the SQL level. On PostgreSQL the claimers run through two separate pools, as two
 * service instances would; SQLite is single-instance by design, so its claimers share one storage.
 */
describe.each(databaseKinds())('review claims on %s', (kind) => {
  let db: TestDatabase;
  let a: Storage;
  let b: Storage;
  const now = 1_800_000_000_000;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const cfg = db.storage()(loadConfig({})).storage;
    a = await Storage.open(cfg);
    b = kind === 'postgres' ? await Storage.open(cfg) : a;
    for (let i = 0; i < ITEMS; i++) {
      const id = `m${String(i).padStart(2, '0')}`;
      await a.db
        .insertInto('moderation_records')
        .values({
          id, created_at: now, client: 'c', external_id: null, sha256: 'x', image_format: 'png', width: 1, height: 1, frames: 1, bytes: 1, model_id: 'm',
          policy_set_name: 'p', policy_set_version: 'v', decision: 'flag', max_score: i / 100, evidence: '{}', embedding: null, embedding_dim: 0,
          blob_key: null, blob_content_type: null, blob_deleted_at: null,
        })
        .execute();
      await a.db.insertInto('record_policies').values({ moderation_id: id, policy_id: i % 2 ? 'odd' : 'even', action: 'flag', score: i / 100 }).execute();
      await a.db
        .insertInto('review_items')
        .values({ id: `r${id}`, moderation_id: id, status: 'open', origin: 'auto', policies: '[]', decision: 'flag', max_score: i / 100, created_at: now + i, opened_at: now + i, updated_at: now, lease_holder: null, lease_expires_at: null, last_verdict: null, closed_at: null, appeal_count: 0 })
        .execute();
    }
  });
  afterAll(async () => {
    if (b !== a) await b?.close();
    await a?.close();
    await db?.drop();
  });

  const claimNext = (s: Storage, holder: string, policy?: string) =>
    s.transaction((trx) => new ReviewsRepository(s).claimNext(trx, { policy }, 'score', holder, now, now + 60_000));

  it('concurrent claimers of one item: exactly one wins', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const s = i % 2 ? b : a;
        return s.transaction((trx) => new ReviewsRepository(s).claim(trx, 'rm00', `h${i}`, now, now + 60_000));
      }),
    );
    const winners = results.filter(Boolean);
    expect(winners).toHaveLength(1);
    // The holder may renew; an expired lease is free for anyone.
    const holder = winners[0]!.lease_holder!;
    expect(await a.transaction((trx) => new ReviewsRepository(a).claim(trx, 'rm00', holder, now + 1, now + 120_000))).toBeDefined();
    expect(await a.transaction((trx) => new ReviewsRepository(a).claim(trx, 'rm00', 'late', now + 1, now + 60_000))).toBeUndefined();
    expect(await a.transaction((trx) => new ReviewsRepository(a).claim(trx, 'rm00', 'late', now + 120_000, now + 180_000))).toMatchObject({ lease_holder: 'late' });
  });

  it('claimNext: many concurrent claimers get distinct items, in score order, and the rest get nothing', async () => {
    const results = await Promise.all(Array.from({ length: ITEMS + 6 }, (_, i) => claimNext(i % 2 ? b : a, `mod${i}`)));
    const got = results.filter(Boolean).map((r) => r!.id);
    expect(got).toHaveLength(ITEMS - 1); // rm00 is leased from the previous test
    expect(new Set(got).size).toBe(got.length);
    expect(got.sort()).toEqual(Array.from({ length: ITEMS - 1 }, (_, i) => `rm${String(i + 1).padStart(2, '0')}`));
    expect(await claimNext(a, 'nobody')).toBeUndefined();
  });

  it('claimNext honours the policy filter and lease expiry', async () => {
    const later = now + 10 * 60_000;
    const r = await a.transaction((trx) => new ReviewsRepository(a).claimNext(trx, { policy: 'odd' }, 'score', 'x', later, later + 1000));
    expect(r?.moderation_id).toBe('m11'); // highest score among the odd ones
  });
});
