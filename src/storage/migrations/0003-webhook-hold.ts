import { Kysely, Migration, sql } from 'kysely';
import type { Dialect } from '../database.types';

/**
 * Deliveries of a disabled endpoint are held, not skipped (src/webhooks/outbox.service.ts).
 * `retry_from` restarts a held delivery's retry window when its endpoint is enabled again:
 * WEBHOOK_RETRY_MAX_AGE_MS counts from then, not from the event, so events that waited out a long
 * outage still get their full retries.
 */
export function webhookHoldMigration(dialect: Dialect): Migration {
  const ms = sql.raw(dialect === 'postgres' ? 'bigint' : 'integer');
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('webhook_deliveries').addColumn('retry_from', ms).execute();
    },
  };
}
