import { Kysely, Migration, sql } from 'kysely';
import type { Dialect } from '../database.types';
import { appliedByPolicyMigrator } from './policy-history';

/**
 * 0007: kept policy versions and their activations (POLICY_VERSIONS=db, src/policies/versions).
 * Formerly '0001_policy_versions' of the policy feature's own migrator: skipped where that ran.
 */
export function policyVersionsMigration(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  const ms = sql.raw(pg ? 'bigint' : 'integer');
  return {
    async up(db: Kysely<unknown>) {
      if (await appliedByPolicyMigrator(db, dialect, '0001_policy_versions')) return;
      await db.schema
        .createTable('policy_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('sha', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('diff', 'text', (c) => c.notNull())
        .addUniqueConstraint('policy_versions_name_version', ['name', 'version'])
        .execute();
      await db.schema
        .createTable('policy_activations')
        .addColumn('seq', pg ? 'bigint' : 'integer', (c) => (pg ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement()))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version_id', 'text', (c) => c.notNull().references('policy_versions.id'))
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', ms, (c) => c.notNull())
        .addColumn('comment', 'text')
        .execute();
      await db.schema.createIndex('policy_activations_name').on('policy_activations').columns(['name', 'seq']).execute();
      // Versions are immutable: the database refuses updates and deletes, as for audit_log.
      if (pg) {
        await sql`CREATE FUNCTION policy_versions_immutable() RETURNS trigger AS $$
          BEGIN RAISE EXCEPTION 'policy versions are immutable'; END $$ LANGUAGE plpgsql`.execute(db);
        await sql`CREATE TRIGGER policy_versions_immutable BEFORE UPDATE OR DELETE ON policy_versions
          FOR EACH ROW EXECUTE FUNCTION policy_versions_immutable()`.execute(db);
      } else {
        await sql`CREATE TRIGGER policy_versions_no_update BEFORE UPDATE ON policy_versions
          BEGIN SELECT RAISE(ABORT, 'policy versions are immutable'); END`.execute(db);
        await sql`CREATE TRIGGER policy_versions_no_delete BEFORE DELETE ON policy_versions
          BEGIN SELECT RAISE(ABORT, 'policy versions are immutable'); END`.execute(db);
      }
    },
  };
}
