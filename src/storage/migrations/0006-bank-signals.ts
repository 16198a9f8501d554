import { Kysely, Migration, sql } from 'kysely';
import type { Dialect } from '../database.types';

/**
 * 0006: what the banks API and intake matching need beyond 0005. Banks: dihedral PDQ matching, an
 * embedding cosine threshold (null: no embedding matching), soft deletion. Entries: the CLIP image
 * embedding of the banked image (when it was added from an image or a moderation) and the moderation it
 * came from (an appeal that overturns it removes the entry). Records keep their PDQ hash and quality, so
 * near duplicates can be found among them.
 */
export function bankSignalsMigration(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  const ms = sql.raw(pg ? 'bigint' : 'integer');
  const float = sql.raw(pg ? 'double precision' : 'real');
  const bytes = sql.raw(pg ? 'bytea' : 'blob');
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('banks').addColumn('dihedral', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('banks').addColumn('embedding_threshold', float).execute();
      await db.schema.alterTable('banks').addColumn('deleted_at', ms).execute();
      await db.schema.alterTable('bank_entries').addColumn('embedding', bytes).execute();
      await db.schema.alterTable('bank_entries').addColumn('moderation_id', 'text').execute();
      await db.schema.createIndex('bank_entries_moderation').on('bank_entries').column('moderation_id').where(sql.ref('moderation_id'), 'is not', null).execute();
      await db.schema.alterTable('moderation_records').addColumn('pdq', 'text').execute();
      await db.schema.alterTable('moderation_records').addColumn('pdq_quality', 'integer').execute();
    },
  };
}
