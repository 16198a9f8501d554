import { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.types';

/**
 * 0009: an outbox event names the request that caused it (X-Request-Id of the upload, the review
 * decision, the bank change; the submitting request for an async job), so a webhook delivery can be
 * followed back to the request's log lines. Null for events no request caused (an endpoint disabled
 * by the delivery worker) and for events written before this migration.
 */
export function eventRequestIdMigration(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('outbox_events').addColumn('request_id', 'text').execute();
    },
  };
}
