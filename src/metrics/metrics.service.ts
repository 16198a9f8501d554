import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AdmissionControl } from '../common/admission';
import { uploadPool } from '../common/body-pool';

/**
 * What the gauges read at scrape time from the module that knows the number. Each owner registers
 * its probe once (registerProbe); until then a gauge reads zero.
 */
export interface MetricProbes {
  /** Images waiting for the model (the engine). */
  queueDepth: () => number;
  /** Rows in the search service's in-memory embedding index, and the bytes their vectors hold. */
  searchIndex: () => { rows: number; bytes: number };
  /** Async jobs by status, from the database (all instances). */
  jobsBacklog: () => Promise<Record<string, number>>;
  /** Webhook deliveries waiting for an attempt, from the database (all instances). */
  deliveriesBacklog: () => Promise<number>;
}

export type ProbeName = keyof MetricProbes;

/** All Prometheus instruments of the service, on one registry (no global state, test-friendly). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly probes: Partial<MetricProbes> = {};

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly decisions = new Counter({
    name: 'moderation_decisions_total',
    help: 'Moderation decisions by outcome',
    labelNames: ['decision'] as const,
    registers: [this.registry],
  });

  readonly moderationDuration = new Histogram({
    name: 'moderation_duration_seconds',
    help: 'End-to-end moderation latency by decision',
    labelNames: ['decision'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: 'clip_batch_size',
    help: 'Images per vision-model batch',
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [this.registry],
  });

  readonly inferenceDuration = new Histogram({
    name: 'clip_inference_seconds',
    help: 'Vision-model run time per batch',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly queueDepth: Gauge = new Gauge({
    name: 'clip_queue_depth',
    help: 'Images waiting for the model',
    registers: [this.registry],
    collect: (): void => this.queueDepth.set(this.probes.queueDepth?.() ?? 0),
  });
  readonly modelLoad = new Gauge({ name: 'clip_model_load_seconds', help: 'Time taken to load the model', labelNames: ['model'] as const, registers: [this.registry] });
  readonly policyReloadErrors = new Counter({ name: 'policy_reload_errors_total', help: 'Policy hot reloads rejected as invalid', registers: [this.registry] });
  readonly policyReloads = new Counter({ name: 'policy_reloads_total', help: 'Policy sets activated by hot reload', registers: [this.registry] });
  readonly policyInfo = new Gauge({ name: 'policy_set_info', help: 'Active policy set (value 1)', labelNames: ['name', 'version'] as const, registers: [this.registry] });

  /** The raw-upload pool (src/common/body-pool.ts), read at scrape time. */
  readonly uploadPoolIdle: Gauge = new Gauge({
    name: 'upload_pool_idle_bytes',
    help: 'Memory held for reuse by the raw-upload pool',
    registers: [this.registry],
    collect: (): void => this.uploadPoolIdle.set(uploadPool.idle),
  });
  readonly uploadPoolBlocks: Counter<'outcome'> = new Counter({
    name: 'upload_pool_blocks_total',
    help: 'Raw uploads of 64 KiB or more by where their memory came from (reused, allocated) or went (dropped: returned above the budget)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
    collect: (): void => {
      // The pool counts for itself; the counter mirrors its totals.
      this.uploadPoolBlocks.reset();
      for (const [outcome, n] of Object.entries(uploadPool.stats)) this.uploadPoolBlocks.inc({ outcome }, n);
    },
  });

  readonly searchIndexRows: Gauge = new Gauge({
    name: 'search_index_rows',
    help: 'Embeddings held in the in-memory search index',
    registers: [this.registry],
    collect: (): void => this.searchIndexRows.set(this.probes.searchIndex?.().rows ?? 0),
  });
  readonly searchIndexBytes: Gauge = new Gauge({
    name: 'search_index_vector_bytes',
    help: 'Bytes of embedding vectors held by the in-memory search index (rows x dim x 4)',
    registers: [this.registry],
    collect: (): void => this.searchIndexBytes.set(this.probes.searchIndex?.().bytes ?? 0),
  });

  // Async jobs and webhook deliveries (src/jobs, src/webhooks). The backlog gauges ask the database at
  // scrape time, so every instance sharing it reports the same, cluster-wide numbers; a database that
  // fails to answer reads as zero rather than failing the scrape.
  readonly jobsBacklog: Gauge = new Gauge({
    name: 'moderation_jobs',
    help: 'Async moderation jobs queued or running (all instances)',
    labelNames: ['status'] as const,
    registers: [this.registry],
    collect: async (): Promise<void> => {
      const c = (await this.probes.jobsBacklog?.().catch(() => undefined)) ?? {};
      for (const s of ['queued', 'running']) this.jobsBacklog.set({ status: s }, c[s] ?? 0);
    },
  });
  readonly jobsRunningHere = new Gauge({ name: 'moderation_jobs_running_local', help: 'Async jobs running in this instance', registers: [this.registry] });
  readonly jobsSubmitted = new Counter({ name: 'moderation_jobs_submitted_total', help: 'Async moderation jobs accepted', registers: [this.registry] });
  readonly jobsFinished = new Counter({
    name: 'moderation_jobs_finished_total',
    help: 'Async job runs by outcome: succeeded, failed, retried (transient error, queued again), lost (lease taken over)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({ name: 'moderation_job_run_seconds', help: 'Run time of one async job attempt', buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [this.registry] });
  readonly deliveriesPending: Gauge = new Gauge({
    name: 'webhook_deliveries_pending',
    help: 'Webhook deliveries waiting for (another) attempt (all instances)',
    registers: [this.registry],
    collect: async (): Promise<void> => this.deliveriesPending.set((await this.probes.deliveriesBacklog?.().catch(() => undefined)) ?? 0),
  });
  readonly deliveryAttempts = new Counter({
    name: 'webhook_delivery_attempts_total',
    help: 'Webhook delivery attempts by outcome: delivered, retry (failed, will retry), failed (gave up)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly deliveryRetries = new Counter({ name: 'webhook_delivery_retries_total', help: 'Webhook delivery attempts after the first', registers: [this.registry] });
  readonly deliveryLatency = new Histogram({
    name: 'webhook_delivery_latency_seconds',
    help: 'From the event being committed to its successful delivery',
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120, 600, 3600, 21600, 86400, 259200],
    registers: [this.registry],
  });
  readonly deliveryAttemptDuration = new Histogram({ name: 'webhook_delivery_attempt_seconds', help: 'Duration of one delivery attempt', buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30], registers: [this.registry] });
  readonly webhooksDisabled = new Counter({ name: 'webhook_endpoints_disabled_total', help: 'Endpoints disabled after failing for too long', registers: [this.registry] });

  // Admission control (src/common/admission.ts) keeps the counts; they are read at scrape time.
  readonly requestsInFlight: Gauge = new Gauge({
    name: 'http_requests_in_flight',
    help: 'Image requests (moderations, embeddings) being handled',
    registers: [this.registry],
    collect: (): void => this.requestsInFlight.set(this.admission.inFlight),
  });
  readonly requestsShed: Counter = new Counter({
    name: 'http_requests_shed_total',
    help: 'Image requests refused with 503 by admission control',
    registers: [this.registry],
    collect: (): void => {
      this.requestsShed.reset();
      this.requestsShed.inc(this.admission.shed);
    },
  });

  constructor(private readonly admission: AdmissionControl) {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The owner of a number hands the gauge its reader; a second registration of a name is a wiring mistake. */
  registerProbe<K extends ProbeName>(name: K, probe: MetricProbes[K]): void {
    if (this.probes[name]) throw new Error(`metrics probe "${name}" is already registered`);
    this.probes[name] = probe;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
