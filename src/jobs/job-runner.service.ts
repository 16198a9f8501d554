import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { performance } from 'perf_hooks';
import { AppError } from '../common/app-error';
import { PeriodicTask } from '../common/periodic-task';
import { Events } from '../common/events';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import type { JobsConfig } from '../config/jobs-and-webhooks';
import { UrlImageFetcher } from '../fetch/url-image-fetcher';
import { MetricsService } from '../metrics/metrics.service';
import { ModerationService } from '../moderation/moderation.service';
import { OutboxService } from '../webhooks/outbox.service';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { LeaseLostError, ModerationCommit } from './moderation-commit.service';
import { JobRow, JobsRepository } from './jobs.repository';
import { backoffMs } from '../common/backoff';
import { withRequestId } from '../logging/request-context';

export interface JobOptions {
  policies?: string[];
  blur: 'none' | 'inline' | 'always';
  externalId?: string;
}

const TRANSIENT_FETCH = new Set(['timeout', 'network', 'dns', 'status']);

/** A client-caused error (bad image, refused URL) fails the job for good; a server fault is retried. */
function isTransient(e: unknown): boolean {
  if (!(e instanceof AppError)) return true;
  if (e.code === 'url_fetch_failed') {
    const d = e.details ?? {};
    return TRANSIENT_FETCH.has(String(d.reason)) && (d.reason !== 'status' || Number(d.status) >= 500 || Number(d.status) === 429);
  }
  return e.status >= 500 || e.status === 429;
}

/**
 * Runs async moderation jobs from the database: claims due jobs (and jobs whose lease expired because
 * their instance died), keeps the leases of running jobs alive, and finishes each job exactly once
 * (ModerationCommit: the job's success commits with its decision, conditional on still holding it).
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Jobs');
  private readonly cfg: JobsConfig;
  private readonly instance: string;
  private readonly enabled: boolean;
  private readonly running = new Map<string, Promise<void>>();
  private readonly poller: PeriodicTask;
  private readonly heartbeat: PeriodicTask;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly repo: JobsRepository,
    private readonly moderation: ModerationService,
    private readonly fetcher: UrlImageFetcher,
    private readonly commit: ModerationCommit,
    private readonly outbox: OutboxService,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
  ) {
    this.cfg = config.jobs;
    this.instance = config.instance.id;
    this.enabled = config.instance.workers;
    this.poller = new PeriodicTask({ name: 'claiming jobs', everyMs: this.cfg.pollMs, run: () => this.poll(), log: this.log });
    this.heartbeat = new PeriodicTask({
      name: 'lease renewal',
      everyMs: Math.max(50, Math.floor(this.cfg.leaseMs / 3)),
      run: () => this.repo.renew([...this.running.keys()], this.instance, this.clock.now() + this.cfg.leaseMs),
      log: this.log,
    });
    this.metrics.registerProbe('jobsBacklog', () => this.repo.counts());
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.poller.start();
    this.heartbeat.start();
    this.kick(); // resume whatever a previous run left queued or running
  }

  /** The first phase of Nest's close: the database and the model close only after it (in onApplicationShutdown). */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.poller.stop(), this.heartbeat.stop()]);
    // Let running jobs finish; whatever is still queued stays in the database for the next instance.
    await Promise.allSettled([...this.running.values()]);
  }

  /** Look for work now (after a submission) instead of at the next poll. */
  kick(): void {
    if (this.enabled) this.poller.trigger();
  }

  private async poll(): Promise<void> {
    const free = this.cfg.concurrency - this.running.size;
    if (free <= 0) return;
    const jobs = await this.repo.claim(free, this.instance, this.clock.now(), this.cfg.leaseMs, [...this.running.keys()]);
    for (const job of jobs) {
      // The job's log lines carry the id of the request that submitted it.
      const p = withRequestId(job.request_id, () => this.run(job)).finally(() => {
        this.running.delete(job.id);
        this.metrics.jobsRunningHere.set(this.running.size);
        this.kick();
      });
      this.running.set(job.id, p);
    }
    this.metrics.jobsRunningHere.set(this.running.size);
  }

  private async run(job: JobRow): Promise<void> {
    const t0 = performance.now();
    const opts = JSON.parse(job.options) as JobOptions;
    try {
      // Claimed again and again without ever finishing: its instances died while running it (a poison
      // image that kills the process, say). Stop feeding it to the fleet.
      if (job.attempts > this.cfg.maxAttempts) throw new AppError('internal_error', `the job was interrupted ${job.attempts - 1} times without finishing`, { attempts: job.attempts - 1 });
      const data = job.input ?? (await this.fetcher.fetch(job.url!));
      // The job's finish (with its result) commits with the record and the events, or not at all.
      await this.moderation.moderate(data, { ...opts, id: job.id, client: job.client, requestId: job.request_id ?? job.id }, (m) => this.commit.commit(m, { job: job.id }));
      this.metrics.jobsFinished.inc({ outcome: 'succeeded' });
    } catch (e) {
      await this.failed(job, e).catch((err) => this.log.error(`job ${job.id}: could not record its failure: ${(err as Error).message}`));
    } finally {
      this.metrics.jobDuration.observe((performance.now() - t0) / 1000);
    }
  }

  private async failed(job: JobRow, e: unknown): Promise<void> {
    if (e instanceof LeaseLostError || (await this.lost(job))) {
      this.metrics.jobsFinished.inc({ outcome: 'lost' });
      this.log.warn(`job ${job.id}: lease lost to another instance; its result stands`);
      return;
    }
    const error = e instanceof AppError ? { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } : { code: 'internal_error', message: 'internal error' };
    if (!(e instanceof AppError)) this.log.error(`job ${job.id}: ${(e as Error)?.stack ?? e}`);
    const now = this.clock.now();
    if (isTransient(e) && job.attempts < this.cfg.maxAttempts) {
      await this.repo.requeue(job.id, this.instance, now + backoffMs(job.attempts, this.cfg.retryBaseMs, 3600_000), JSON.stringify(error));
      this.metrics.jobsFinished.inc({ outcome: 'retried' });
      return;
    }
    await this.storage.transaction(async (trx) => {
      const n = await this.repo.finish(trx, job.id, this.instance, now, { status: 'failed', error: JSON.stringify(error) });
      if (n) await this.outbox.emit(trx, 'moderation.failed', { moderation_id: job.id, client: job.client, external_id: opts(job).externalId ?? null, url: job.url, error, attempts: job.attempts }, now);
    });
    this.events.emit(Events.outboxCommitted);
    this.metrics.jobsFinished.inc({ outcome: 'failed' });
  }

  private async lost(job: JobRow): Promise<boolean> {
    const now = await this.repo.get(job.id);
    return !now || now.locked_by !== this.instance || now.status !== 'running';
  }
}

const opts = (job: JobRow) => JSON.parse(job.options) as JobOptions;
