import type { Kysely, Transaction } from 'kysely';
import type { Database, Executor } from './database.types';

type Ms = number;

export interface ModerationJobsTable {
  id: string;
  /** queued | running | succeeded | failed */
  status: string;
  client: string;
  request_id: string | null;
  batch_id: string | null;
  /** The submitted image bytes, dropped once the job is finished. */
  input: Buffer | null;
  url: string | null;
  /** JSON: { policies?, blur, externalId? } */
  options: string;
  attempts: number;
  run_after: Ms;
  locked_by: string | null;
  locked_until: Ms | null;
  created_at: Ms;
  started_at: Ms | null;
  finished_at: Ms | null;
  /** JSON: the moderation answer, exactly as the synchronous call would have returned it. */
  result: string | null;
  /** JSON: { code, message, details? } */
  error: string | null;
}

export interface OutboxEventsTable {
  id: string;
  type: string;
  /** JSON: the Standard Webhooks payload { type, timestamp, data }. */
  payload: string;
  created_at: Ms;
}

export interface WebhookSubscriptionsTable {
  id: string;
  url: string;
  description: string | null;
  /** JSON array of event types. */
  event_types: string;
  enabled: number;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Ms | null;
  failing_since: Ms | null;
  disabled_at: Ms | null;
  disabled_reason: string | null;
  created_by: string;
  created_at: Ms;
  updated_at: Ms;
}

export interface WebhookDeliveriesTable {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  /** pending | delivering | delivered | failed */
  status: string;
  attempts: number;
  next_attempt_at: Ms;
  locked_by: string | null;
  locked_until: Ms | null;
  created_at: Ms;
  last_attempt_at: Ms | null;
  delivered_at: Ms | null;
  last_status: number | null;
  last_error: string | null;
  /** When the retry window (WEBHOOK_RETRY_MAX_AGE_MS) starts: null means created_at; set when a held delivery is released. */
  retry_from: Ms | null;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  attempt: number;
  instance: string;
  at: Ms;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  response_snippet: string | null;
}

export interface IdempotencyKeysTable {
  client: string;
  key: string;
  fingerprint: string;
  /** in_progress | completed */
  status: string;
  moderation_id: string;
  response_status: number | null;
  response_headers: string | null;
  response_body: Buffer | null;
  created_at: Ms;
  expires_at: Ms;
  locked_until: Ms;
}

export interface IntegrationTables {
  moderation_jobs: ModerationJobsTable;
  outbox_events: OutboxEventsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  idempotency_keys: IdempotencyKeysTable;
}

export type FullDatabase = Database & IntegrationTables;
export type IExec = Kysely<FullDatabase> | Transaction<FullDatabase>;

/** The same connection or transaction, typed with the integration tables as well. */
export const withIntegration = (exec: Executor): IExec => exec as unknown as IExec;
