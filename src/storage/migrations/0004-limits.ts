import { Kysely, Migration, sql } from 'kysely';
import type { Dialect } from '../database.types';

/**
 * 0004: the shared token buckets of RATE_LIMITS (used on PostgreSQL, where instances share them;
 * created on both dialects so the schema is one), and the index behind the per-key appeal limit.
 */
export function limitsMigration(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  return {
    async up(db: Kysely<unknown>) {
      // UNLOGGED on PostgreSQL: a bucket is not worth a WAL flush per request, and losing the
      // table in a crash only refills every bucket once.
      let buckets = db.schema.createTable('rate_limit_buckets');
      if (pg) buckets = buckets.modifyFront(sql`unlogged`);
      await buckets
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('tokens', sql.raw(pg ? 'double precision' : 'real'), (c) => c.notNull())
        .addColumn('updated_at', sql.raw(pg ? 'bigint' : 'integer'), (c) => c.notNull())
        .addColumn('granted', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('appeals_appellant').on('appeals').columns(['appellant', 'created_at']).execute();
    },
  };
}
