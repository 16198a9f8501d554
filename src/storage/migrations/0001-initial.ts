import { Kysely, Migration, sql } from 'kysely';
import type { Dialect } from '../database.types';

/** The few types that differ between the dialects; everything else is the same DDL. */
function types(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return {
    ms: sql.raw(pg ? 'bigint' : 'integer'),
    float: sql.raw(pg ? 'double precision' : 'real'),
    bytes: sql.raw(pg ? 'bytea' : 'blob'),
  };
}

/** 0001: records, reviews, appeals and the append-only audit log. */
export function initialMigration(dialect: Dialect): Migration {
  const t = types(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('moderation_records')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', t.ms, (c) => c.notNull())
        .addColumn('client', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text')
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('image_format', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('frames', 'integer', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('model_id', 'text', (c) => c.notNull())
        .addColumn('policy_set_name', 'text', (c) => c.notNull())
        .addColumn('policy_set_version', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('max_score', t.float, (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('embedding', t.bytes)
        .addColumn('embedding_dim', 'integer', (c) => c.notNull())
        .addColumn('blob_key', 'text')
        .addColumn('blob_content_type', 'text')
        .addColumn('blob_deleted_at', t.ms)
        .execute();
      await db.schema.createIndex('moderation_records_created').on('moderation_records').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('moderation_records_sha256').on('moderation_records').column('sha256').execute();
      await db.schema.createIndex('moderation_records_blob').on('moderation_records').column('blob_key').where(sql.ref('blob_key'), 'is not', null).execute();

      await db.schema
        .createTable('record_policies')
        .addColumn('moderation_id', 'text', (c) => c.notNull().references('moderation_records.id'))
        .addColumn('policy_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('score', t.float, (c) => c.notNull())
        .addPrimaryKeyConstraint('record_policies_pk', ['moderation_id', 'policy_id'])
        .execute();
      await db.schema.createIndex('record_policies_policy').on('record_policies').columns(['policy_id', 'moderation_id']).execute();

      await db.schema
        .createTable('review_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('moderation_id', 'text', (c) => c.notNull().unique().references('moderation_records.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('policies', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('max_score', t.float, (c) => c.notNull())
        .addColumn('created_at', t.ms, (c) => c.notNull())
        .addColumn('opened_at', t.ms, (c) => c.notNull())
        .addColumn('updated_at', t.ms, (c) => c.notNull())
        .addColumn('lease_holder', 'text')
        .addColumn('lease_expires_at', t.ms)
        .addColumn('last_verdict', 'text')
        .addColumn('closed_at', t.ms)
        .addColumn('appeal_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('review_items_status_created').on('review_items').columns(['status', 'created_at', 'id']).execute();
      await db.schema.createIndex('review_items_status_score').on('review_items').columns(['status', 'max_score', 'id']).execute();

      await db.schema
        .createTable('review_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('review_id', 'text', (c) => c.notNull().references('review_items.id'))
        .addColumn('moderation_id', 'text', (c) => c.notNull())
        .addColumn('moderator', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('policies', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('opened_at', t.ms, (c) => c.notNull())
        .addColumn('decided_at', t.ms, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('review_decisions_review').on('review_decisions').column('review_id').execute();
      await db.schema.createIndex('review_decisions_decided').on('review_decisions').column('decided_at').execute();

      await db.schema
        .createTable('appeals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('review_id', 'text', (c) => c.notNull().references('review_items.id'))
        .addColumn('moderation_id', 'text', (c) => c.notNull())
        .addColumn('appellant', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', t.ms, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('appeals_review').on('appeals').column('review_id').execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
        )
        .addColumn('at', t.ms, (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('request_id', 'text')
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'seq']).execute();
      await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity_type', 'entity_id']).execute();
      await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor', 'seq']).execute();

      // Append-only is enforced by the database itself, not only by the absence of an update path.
      if (dialect === 'postgres') {
        await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
          BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$ LANGUAGE plpgsql`.execute(db);
        await sql`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
          FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
        await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
          FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
      } else {
        await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
        await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
      }
    },
  };
}
