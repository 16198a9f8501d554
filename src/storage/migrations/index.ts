import { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../database.types';
import { initialMigration } from './0001-initial';
import { integrationMigration } from './0002-integration';
import { webhookHoldMigration } from './0003-webhook-hold';
import { limitsMigration } from './0004-limits';
import { banksMigration } from './0005-banks';
import { bankSignalsMigration } from './0006-bank-signals';
import { policyVersionsMigration } from './0007-policy-versions';
import { policyDiffBaseMigration } from './0008-policy-diff-base';
import { eventRequestIdMigration } from './0009-event-request-id';

/**
 * Every schema migration of the service, in code so they ship inside the build and run at start-up
 * (Storage.open). The names are what kysely_migration records: never rename one. Kysely applies them
 * in name order and refuses a database whose applied names are not a prefix of this list, so a new
 * migration takes the next number.
 */
export class CodeMigrations implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const d = this.dialect;
    return {
      '0001_initial': initialMigration(d),
      '0002_integration': integrationMigration(d),
      '0003_webhook_hold': webhookHoldMigration(d),
      '0004_limits': limitsMigration(d),
      '0005_banks': banksMigration(d),
      '0006_bank_signals': bankSignalsMigration(d),
      '0007_policy_versions': policyVersionsMigration(d),
      '0008_policy_diff_base': policyDiffBaseMigration(d),
      '0009_event_request_id': eventRequestIdMigration(d),
    };
  }
}
