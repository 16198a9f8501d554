import { Kysely, Migration, sql } from 'kysely';
import type { Dialect } from '../database.types';

/**
 * Tables of async moderation (src/jobs), the transactional outbox and webhooks
 * (src/webhooks), and idempotency keys (src/idempotency). Same conventions as 0001: epoch-ms times,
 * JSON as text, booleans as 0/1 integers so both dialects read them the same way.
 */
export function integrationMigration(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  const ms = sql.raw(pg ? 'bigint' : 'integer');
  const float = sql.raw(pg ? 'double precision' : 'real');
  const bytes = sql.raw(pg ? 'bytea' : 'blob');
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('moderation_jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('client', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text')
        .addColumn('batch_id', 'text')
        .addColumn('input', bytes)
        .addColumn('url', 'text')
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('run_after', ms, (c) => c.notNull())
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', ms)
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('started_at', ms)
        .addColumn('finished_at', ms)
        .addColumn('result', 'text')
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('moderation_jobs_claim').on('moderation_jobs').columns(['status', 'run_after']).execute();
      await db.schema.createIndex('moderation_jobs_batch').on('moderation_jobs').column('batch_id').where(sql.ref('batch_id'), 'is not', null).execute();

      await db.schema
        .createTable('outbox_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('outbox_events_created').on('outbox_events').columns(['created_at', 'id']).execute();

      await db.schema
        .createTable('webhook_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('event_types', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('previous_secret', 'text')
        .addColumn('previous_secret_expires_at', ms)
        .addColumn('failing_since', ms)
        .addColumn('disabled_at', ms)
        .addColumn('disabled_reason', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subscription_id', 'text', (c) => c.notNull().references('webhook_subscriptions.id').onDelete('cascade'))
        .addColumn('event_id', 'text', (c) => c.notNull().references('outbox_events.id'))
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', ms, (c) => c.notNull())
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', ms)
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('last_attempt_at', ms)
        .addColumn('delivered_at', ms)
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('webhook_deliveries_claim').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('webhook_deliveries_sub').on('webhook_deliveries').columns(['subscription_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('webhook_deliveries_event').on('webhook_deliveries').columns(['event_id', 'subscription_id']).unique().execute();

      await db.schema
        .createTable('webhook_attempts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('delivery_id', 'text', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('instance', 'text', (c) => c.notNull())
        .addColumn('at', ms, (c) => c.notNull())
        .addColumn('duration_ms', float, (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .addColumn('response_snippet', 'text')
        .execute();
      await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').columns(['delivery_id', 'attempt']).execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('client', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('moderation_id', 'text', (c) => c.notNull())
        .addColumn('response_status', 'integer')
        .addColumn('response_headers', 'text')
        .addColumn('response_body', bytes)
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('expires_at', ms, (c) => c.notNull())
        .addColumn('locked_until', ms, (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['client', 'key'])
        .execute();
      await db.schema.createIndex('idempotency_keys_moderation').on('idempotency_keys').column('moderation_id').execute();
      await db.schema.createIndex('idempotency_keys_expires').on('idempotency_keys').column('expires_at').execute();
    },
  };
}
