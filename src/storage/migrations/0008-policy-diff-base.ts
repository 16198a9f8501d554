import { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.types';
import { appliedByPolicyMigrator } from './policy-history';

/**
 * 0008: which version a policy diff was taken against; activation rows that remove a document from
 * the set. Formerly '0002_diff_base_and_removals' of the policy feature's own migrator: skipped where
 * that ran. Its history tables are dropped here: from now on kysely_migration is the only history.
 */
export function policyDiffBaseMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (!(await appliedByPolicyMigrator(db, dialect, '0002_diff_base_and_removals'))) {
        await db.schema.alterTable('policy_versions').addColumn('diff_base', 'integer').execute();
        await db.schema.alterTable('policy_activations').addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      }
      await db.schema.dropTable('policy_migrations').ifExists().execute();
      await db.schema.dropTable('policy_migrations_lock').ifExists().execute();
    },
  };
}
