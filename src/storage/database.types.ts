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

export interface Database {
  moderation_records: ModerationRecordsTable;
  record_policies: RecordPoliciesTable;
  review_items: ReviewItemsTable;
  review_decisions: ReviewDecisionsTable;
  appeals: AppealsTable;
  audit_log: AuditLogTable;
}

export type Db = Kysely<Database>;
/** Repositories accept either the database or an open transaction, so a service composes one transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';
export type { ColumnType };
