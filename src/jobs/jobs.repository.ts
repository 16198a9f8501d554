import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Executor, ModerationJobsTable } from '../storage/database.types';
import { Storage } from '../storage/storage';

export type JobRow = ModerationJobsTable;

/**
 * SQL for async moderation jobs. Claiming is one UPDATE over a sub-select: on PostgreSQL the
 * sub-select takes row locks with FOR UPDATE SKIP LOCKED, so instances claiming at the same moment
 * get disjoint jobs without waiting on each other; SQLite has a single writer, so the same statement
 * is already atomic there. Every later write is conditional on `locked_by`, so an instance whose
 * lease expired (and whose job another instance took over) can no longer change the job.
 */
@Injectable()
export class JobsRepository {
  constructor(private readonly storage: Storage) {}

  private get db(): Executor {
    return this.storage.db;
  }

  async insert(exec: Executor, row: JobRow): Promise<void> {
    await exec.insertInto('moderation_jobs').values(row).execute();
  }

  /** Succeeded and failed jobs finished before `cutoff` (EVENT_RETENTION_MS, src/jobs/jobs-retention.service.ts); how many. */
  async deleteFinishedBefore(exec: Executor, cutoff: number): Promise<number> {
    const r = await exec.deleteFrom('moderation_jobs').where('status', 'in', ['succeeded', 'failed']).where('finished_at', '<', cutoff).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  get(id: string): Promise<JobRow | undefined> {
    return this.db.selectFrom('moderation_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byBatch(batchId: string): Promise<JobRow[]> {
    return this.db.selectFrom('moderation_jobs').selectAll().where('batch_id', '=', batchId).orderBy('created_at').execute();
  }

  /**
   * Due jobs and jobs whose lease expired, leased to `instance`. `busy`: the jobs this instance is
   * running; a stalled event loop can let their lease run out, and running one twice here would only
   * waste the work and count an attempt that never ended.
   */
  async claim(limit: number, instance: string, now: number, leaseMs: number, busy: readonly string[] = []): Promise<JobRow[]> {
    let due = this.db
      .selectFrom('moderation_jobs')
      .select('id')
      .where((eb) => eb.or([eb.and([eb('status', '=', 'queued'), eb('run_after', '<=', now)]), eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)])]))
      .$if(busy.length > 0, (q) => q.where('id', 'not in', busy))
      .orderBy('run_after')
      .limit(limit);
    if (this.storage.dialect === 'postgres') due = due.forUpdate().skipLocked();
    return this.db
      .updateTable('moderation_jobs')
      .set({ status: 'running', locked_by: instance, locked_until: now + leaseMs, attempts: sql<number>`attempts + 1`, started_at: now })
      .where('id', 'in', due)
      .returningAll()
      .execute();
  }

  async renew(ids: string[], instance: string, until: number): Promise<void> {
    if (!ids.length) return;
    await this.db.updateTable('moderation_jobs').set({ locked_until: until }).where('id', 'in', ids).where('locked_by', '=', instance).where('status', '=', 'running').execute();
  }

  /** Finishes a job this instance holds; 0 when the lease was lost (another instance owns it now). */
  async finish(exec: Executor, id: string, instance: string, now: number, outcome: { status: 'succeeded' | 'failed'; result?: string; error?: string }): Promise<number> {
    const r = await exec
      .updateTable('moderation_jobs')
      .set({ status: outcome.status, result: outcome.result ?? null, error: outcome.error ?? null, finished_at: now, input: null, locked_by: null, locked_until: null })
      .where('id', '=', id)
      .where('locked_by', '=', instance)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async requeue(id: string, instance: string, runAfter: number, error: string): Promise<number> {
    const r = await this.db
      .updateTable('moderation_jobs')
      .set({ status: 'queued', run_after: runAfter, error, locked_by: null, locked_until: null })
      .where('id', '=', id)
      .where('locked_by', '=', instance)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom('moderation_jobs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('status', 'in', ['queued', 'running']).groupBy('status').execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
