import { sql } from 'kysely';
import type { Storage } from './storage';

/**
 * Token buckets in a PostgreSQL table, shared by every instance on the database: one INSERT ... ON
 * CONFLICT DO UPDATE ... RETURNING per request refills the key's bucket by the time since its last
 * update, takes a token when one is there, and says whether it did. The row lock makes concurrent
 * takes on one key serial across instances; the time is the database's clock, so instance clocks
 * that disagree cannot mint tokens.
 */
export class SharedRateLimits {
  constructor(private readonly storage: Storage) {}

  async take(key: string, rate: number, burst: number): Promise<{ granted: boolean; tokens: number }> {
    const refilled = sql`least(${burst}::float8, b.tokens + greatest(0, excluded.updated_at - b.updated_at) * ${rate}::float8 / 1000.0)`;
    const r = await sql<{ tokens: number; granted: number }>`
      insert into rate_limit_buckets as b (key, tokens, updated_at, granted)
      values (${key}, ${burst}::float8 - 1, (extract(epoch from clock_timestamp()) * 1000)::bigint, 1)
      on conflict (key) do update set
        tokens = case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end,
        granted = case when ${refilled} >= 1 then 1 else 0 end,
        updated_at = greatest(b.updated_at, excluded.updated_at)
      returning tokens, granted`.execute(this.storage.db);
    const row = r.rows[0];
    return { granted: Number(row.granted) === 1, tokens: Number(row.tokens) };
  }
}
