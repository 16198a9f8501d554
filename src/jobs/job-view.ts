import type { JobRow } from './jobs.repository';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** GET /v1/moderations/{id} for an async moderation: its state, and the answer once there is one. */
export function jobView(j: JobRow) {
  return {
    id: j.id,
    object: 'moderation_job',
    status: j.status,
    created_at: iso(j.created_at),
    started_at: iso(j.started_at),
    finished_at: iso(j.finished_at),
    attempts: j.attempts,
    ...(j.batch_id ? { batch_id: j.batch_id } : {}),
    ...(j.url ? { url: j.url } : {}),
    result: j.result ? JSON.parse(j.result) : null,
    error: j.status === 'failed' && j.error ? JSON.parse(j.error) : null,
  };
}

/** The 202 answer to an async submission. */
export function acceptedView(id: string, batchId?: string) {
  return { id, object: 'moderation_job', status: 'queued', status_url: `/v1/moderations/${id}`, ...(batchId ? { batch_id: batchId } : {}) };
}
