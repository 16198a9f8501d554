import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

/** Times are epoch milliseconds in both dialects (bigint in PostgreSQL, parsed back to number). */
type Ms = number;

export interface ModerationRecordsTable {
  id: string;
  created_at: Ms;
  client: string;
  external_id: string | null;
  sha256: string;
  image_format: string;
  width: number;
  height: number;
  frames: number;
  bytes: number;
  model_id: string;
  policy_set_name: string;
  policy_set_version: string;
  decision: string;
  /** Highest score among the policies that acted (0 when allowed): the "highest score first" order. */
  max_score: number;
  /** JSON: { reasons, policies: [...], shadow: [...] } exactly as answered. */
  evidence: string;
  embedding: Buffer | null;
  embedding_dim: number;
  blob_key: string | null;
  blob_content_type: string | null;
  blob_deleted_at: Ms | null;
  /** PDQ of the first frame (64 hex digits) and its quality; null for records made before 0006 or unhashable images. */
  pdq: string | null;
  pdq_quality: number | null;
}

/** One row per policy that acted on a record (action != allow): the policy filter of reviews and search. */
export interface RecordPoliciesTable {
  moderation_id: string;
  policy_id: string;
  action: string;
  score: number;
}

export interface ReviewItemsTable {
  id: string;
  moderation_id: string;
  status: string;
  origin: string;
  /** JSON array of the policy ids that sent the item to review. */
  policies: string;
  decision: string;
  max_score: number;
  created_at: Ms;
  opened_at: Ms;
  updated_at: Ms;
  lease_holder: string | null;
  lease_expires_at: Ms | null;
  last_verdict: string | null;
  closed_at: Ms | null;
  appeal_count: number;
}

export interface ReviewDecisionsTable {
  id: string;
  review_id: string;
  moderation_id: string;
  moderator: string;
  verdict: string;
  /** JSON array of policy ids the verdict concerns. */
  policies: string;
  note: string | null;
  opened_at: Ms;
  decided_at: Ms;
}

export interface AppealsTable {
  id: string;
  review_id: string;
  moderation_id: string;
  appellant: string;
  reason: string;
  created_at: Ms;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: Ms;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  request_id: string | null;
}

export interface BanksTable {
  id: string;
  name: string;
  /** block | flag | blur */
  action: string;
  /** PDQ matches at Hamming distance <= this (of 256 bits). */
  distance_threshold: number;
  /** PDQ hashes of lower quality (0..100) are not matched. */
  min_quality: number;
  /** enforce | shadow (matches recorded, not acted on) */
  mode: string;
  /** 0 | 1 (one type in both dialects) */
  enabled: number;
  created_at: Ms;
  updated_at: Ms;
  /** 0 | 1: also match the 8 rotations and mirrors of the query's PDQ. */
  dihedral: number;
  /** Match by CLIP image embedding at cosine >= this; null: not by embedding. */
  embedding_threshold: number | null;
  deleted_at: Ms | null;
}

export interface BankEntriesTable {
  id: Generated<number>;
  bank_id: string;
  /** pdq | sha256 | md5 */
  signal_type: string;
  /** Lowercase hex. */
  value: string;
  /** JSON array of strings. */
  labels: string;
  source: string | null;
  added_by: string;
  created_at: Ms;
  deleted_at: Ms | null;
  /** float32 CLIP image embedding of the banked image (little-endian bytes), when known. */
  embedding: Buffer | null;
  /** The moderation this entry was banked from (review loop). */
  moderation_id: string | null;
}

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
  /** X-Request-Id of the request that caused the event; null when none did (migration 0009). */
  request_id: string | null;
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

/** Immutable: the database refuses updates and deletes (0007). */
export interface PolicyVersionsTable {
  id: string;
  name: string;
  version: number;
  text: string;
  sha: string;
  file: string;
  source: string;
  author: string;
  comment: string | null;
  created_at: Ms;
  diff: string;
  /** Which version the diff was taken against (0008). */
  diff_base: number | null;
}

export interface PolicyActivationsTable {
  seq: Generated<number>;
  name: string;
  version_id: string;
  actor: string;
  at: Ms;
  comment: string | null;
  /** 0 | 1: the activation removes the document from the set (0008). */
  removed: number;
}

/** RATE_LIMITS token buckets shared by instances on PostgreSQL (src/storage/shared-rate-limits.ts). */
export interface RateLimitBucketsTable {
  key: string;
  tokens: number;
  /** The database's clock, epoch ms. */
  updated_at: Ms;
  /** 0 | 1: whether the last take got a token. */
  granted: number;
}

/** Every table of the service: the one schema, migrated by src/storage/migrations. */
export interface Database {
  moderation_records: ModerationRecordsTable;
  record_policies: RecordPoliciesTable;
  review_items: ReviewItemsTable;
  review_decisions: ReviewDecisionsTable;
  appeals: AppealsTable;
  audit_log: AuditLogTable;
  banks: BanksTable;
  bank_entries: BankEntriesTable;
  moderation_jobs: ModerationJobsTable;
  outbox_events: OutboxEventsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  idempotency_keys: IdempotencyKeysTable;
  policy_versions: PolicyVersionsTable;
  policy_activations: PolicyActivationsTable;
  rate_limit_buckets: RateLimitBucketsTable;
}

export type Db = Kysely<Database>;
/** Repositories accept either the database or an open transaction, so a service composes one transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';
export type { ColumnType };
