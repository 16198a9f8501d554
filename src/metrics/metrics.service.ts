import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** All Prometheus instruments of the service, on one registry (no global state, test-friendly). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

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

  /** Set by whoever knows the queue (the engine); read at scrape time. */
  queueDepthProbe: () => number = () => 0;
  readonly queueDepth: Gauge = new Gauge({
    name: 'clip_queue_depth',
    help: 'Images waiting for the model',
    registers: [this.registry],
    collect: (): void => this.queueDepth.set(this.queueDepthProbe()),
  });
  readonly modelLoad = new Gauge({ name: 'clip_model_load_seconds', help: 'Time taken to load the model', labelNames: ['model'] as const, registers: [this.registry] });
  readonly policyReloadErrors = new Counter({ name: 'policy_reload_errors_total', help: 'Policy hot reloads rejected as invalid', registers: [this.registry] });
  readonly policyReloads = new Counter({ name: 'policy_reloads_total', help: 'Policy sets activated by hot reload', registers: [this.registry] });
  readonly policyInfo = new Gauge({ name: 'policy_set_info', help: 'Active policy set (value 1)', labelNames: ['name', 'version'] as const, registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
