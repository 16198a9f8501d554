import { sql } from 'kysely';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../test/support/databases';
import { loadConfig } from '../config/configuration';
import { SharedRateLimits } from './shared-rate-limits';
import { Storage } from './storage';

const suite = databaseKinds().includes('postgres') ? describe : describe.skip;

suite('SharedRateLimits on postgres', () => {
  let tdb: TestDatabase;
  let storage: Storage;
  let buckets: SharedRateLimits;

  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    storage = await Storage.open(tdb.storage()(loadConfig({})).storage);
    buckets = new SharedRateLimits(storage);
  });
  afterAll(async () => {
    await storage?.close();
    await tdb?.drop();
  });

  /** Moves a bucket's last update into the past: the refill the database clock will see at the next take. */
  const age = (key: string, ms: number) => sql`update rate_limit_buckets set updated_at = updated_at - ${ms} where key = ${key}`.execute(storage.db);

  it('grants the burst, then refuses; refills at rate per second, never beyond the burst', async () => {
    // 0.01 tokens/s: the real time between statements cannot mint a token during the test.
    const take = () => buckets.take('k', 0.01, 3);
    expect((await Promise.all([take(), take(), take()])).map((t) => t.granted)).toEqual([true, true, true]);
    const refused = await take();
    expect(refused.granted).toBe(false);
    expect(refused.tokens).toBeLessThan(1);
    await age('k', 200_000); // 2 tokens
    expect((await take()).granted).toBe(true);
    expect((await take()).granted).toBe(true);
    expect((await take()).granted).toBe(false);
    await age('k', 3_600_000); // 36 tokens' worth: capped at the burst of 3
    const full = await take();
    expect(full).toMatchObject({ granted: true });
    expect(full.tokens).toBeCloseTo(2, 2);
  });

  it('keys are independent', async () => {
    expect((await buckets.take('a', 0.001, 1)).granted).toBe(true);
    expect((await buckets.take('a', 0.001, 1)).granted).toBe(false);
    expect((await buckets.take('b', 0.001, 1)).granted).toBe(true);
  });
});
