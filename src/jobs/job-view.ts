import type { ModerationBody } from '../moderation/moderation.types';
import type { RecordRow } from '../records/records.repository';
import { recordView } from '../records/records.service';
import type { JobRow } from './jobs.repository';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The decision part of the resource: the same fields whether a stored record or a job's answer backs them. */
const DECIDED = ['decision', 'reasons', 'policies', 'shadow', 'model', 'policy_set', 'image'] as const;

/**
 * GET /v1/moderations/{id}: one resource, whether the moderation was synchronous or async.
 * Always: id, object "moderation", status (queued | running | succeeded | failed), created_at,
 * client, external_id. Once decided: the decision fields of the stored record (`recorded: true`),
 * or of the job's answer when no record was kept (RECORD_MODE=non-allow, unscreened answers).
 * Async only (null for a synchronous moderation, and once EVENT_RETENTION_MS has removed the job):
 * attempts, started_at, finished_at, batch_id, url, result (the answer exactly as a synchronous call
 * returns it, with timings), and error when it failed.
 */
export function moderationView(job: JobRow | undefined, record: RecordRow | undefined) {
  const answer = job?.result ? (JSON.parse(job.result) as ModerationBody) : null;
  const rec = record ? recordView(record) : null;
  const source: Partial<Record<(typeof DECIDED)[number] | 'frames' | 'banks' | 'shadow_banks', unknown>> = rec ?? answer ?? {};
  return {
    id: job?.id ?? record!.id,
    object: 'moderation' as const,
    status: job ? job.status : 'succeeded',
    created_at: iso(job?.created_at ?? record!.created_at),
    client: job?.client ?? record!.client,
    external_id: rec?.external_id ?? answer?.external_id ?? (job ? ((JSON.parse(job.options) as { externalId?: string }).externalId ?? null) : null),
    ...Object.fromEntries(DECIDED.map((k) => [k, source[k] ?? null])),
    // Animations: every sampled frame's per-policy scores.
    ...(source.frames ? { frames: source.frames } : {}),
    // Hash-bank evidence (src/banks), only where a bank matched.
    ...(source.banks ? { banks: source.banks } : {}),
    ...(source.shadow_banks ? { shadow_banks: source.shadow_banks } : {}),
    recorded: rec !== null,
    embedding_dim: rec?.embedding_dim ?? null,
    attempts: job?.attempts ?? null,
    started_at: iso(job?.started_at ?? null),
    finished_at: iso(job?.finished_at ?? null),
    batch_id: job?.batch_id ?? null,
    url: job?.url ?? null,
    result: answer,
    error: job?.status === 'failed' && job.error ? JSON.parse(job.error) : null,
  };
}

/** The 202 answer to an async submission: the same resource, queued. */
export function acceptedView(id: string, batchId?: string) {
  return { id, object: 'moderation', status: 'queued', status_url: `/v1/moderations/${id}`, ...(batchId ? { batch_id: batchId } : {}) };
}
