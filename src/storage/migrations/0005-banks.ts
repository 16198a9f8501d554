import { Kysely, Migration, sql } from 'kysely';
import type { Dialect } from '../database.types';

/**
 * 0005: hash banks (issue 19). Entries carry an integer id: the in-memory index keeps one number per
 * entry, where a text id would cost more than the 32-byte hash itself, and id order is the order
 * instances load and follow additions in. Entries are never deleted, only marked (deleted_at), so a
 * removal is audited and other instances see it.
 */
export function banksMigration(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  const ms = sql.raw(pg ? 'bigint' : 'integer');
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('banks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('distance_threshold', 'integer', (c) => c.notNull().defaultTo(31))
        .addColumn('min_quality', 'integer', (c) => c.notNull().defaultTo(50))
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('bank_entries')
        .addColumn('id', pg ? 'bigint' : 'integer', (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
        .addColumn('bank_id', 'text', (c) => c.notNull().references('banks.id'))
        .addColumn('signal_type', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('labels', 'text', (c) => c.notNull())
        .addColumn('source', 'text')
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('deleted_at', ms)
        .execute();
      // One live entry per value and bank: re-importing a list adds only what is new.
      await db.schema
        .createIndex('bank_entries_live')
        .on('bank_entries')
        .columns(['bank_id', 'signal_type', 'value'])
        .unique()
        .where(sql.ref('deleted_at'), 'is', null)
        .execute();
      await db.schema.createIndex('bank_entries_deleted').on('bank_entries').column('deleted_at').where(sql.ref('deleted_at'), 'is not', null).execute();
    },
  };
}
