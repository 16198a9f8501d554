import { Kysely, sql } from 'kysely';
import type { Dialect } from '../database.types';

/**
 * Until 0007 the policy-version tables had a migrator of their own, with its history in the table
 * `policy_migrations` ('0001_policy_versions', '0002_diff_base_and_removals'). A database migrated
 * that way already has what 0007 and 0008 would create: they read that history and only record
 * themselves. 0008 then drops the old history tables, so the schema has one migration history.
 */
export async function appliedByPolicyMigrator(db: Kysely<unknown>, dialect: Dialect, oldName: string): Promise<boolean> {
  const exists =
    dialect === 'postgres'
      ? (await sql<{ t: string | null }>`select to_regclass('policy_migrations')::text as t`.execute(db)).rows[0]?.t
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'policy_migrations'`.execute(db)).rows[0];
  if (!exists) return false;
  const r = await sql<{ name: string }>`select name from policy_migrations where name = ${oldName}`.execute(db);
  return r.rows.length > 0;
}
