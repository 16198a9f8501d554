import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { randomUUID } from 'crypto';
import { AuditService } from '../audit/audit.service';
import { PeriodicTask } from '../common/periodic-task';
import { Events } from '../common/events';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import type { WebhooksConfig } from '../config/jobs-and-webhooks';
import { SafeHttp, SafeHttpError } from '../fetch/safe-http.service';
import { backoffMs } from '../common/backoff';
import { withRequestId } from '../logging/request-context';
import { MetricsService } from '../metrics/metrics.service';
import { OutboxService } from './outbox.service';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { signedHeaders } from './signing';
import { WebhookSecrets } from './webhook-secrets';
import { DeliveriesRepository, DeliveryRow } from './deliveries.repository';
import { EventRow, OutboxEventsRepository } from './outbox-events.repository';
import { SubscriptionRow, SubscriptionsRepository } from './subscriptions.repository';

const SNIPPET = 512;

/**
 * Delivers committed outbox events to subscribers: claims due deliveries (any instance, any time
 * after the commit), signs each attempt per Standard Webhooks, POSTs it through the SSRF-safe client
 * with a per-attempt timeout, logs the attempt, and on failure schedules the next one with exponential
 * backoff and jitter until WEBHOOK_RETRY_MAX_AGE_MS after the event. An endpoint that keeps failing
 * for WEBHOOK_DISABLE_AFTER_MS is disabled, and a `webhook.disabled` event says so; its deliveries
 * (and those of events emitted meanwhile) are held until it is enabled again.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Webhooks');
  private readonly cfg: WebhooksConfig;
  private readonly instance: string;
  private readonly enabled: boolean;
  /** Open attempts by delivery id: never claimed again while their attempt is open. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly poller: PeriodicTask;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly deliveries: DeliveriesRepository,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly events: OutboxEventsRepository,
    private readonly http: SafeHttp,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
    private readonly secrets: WebhookSecrets,
  ) {
    this.cfg = config.webhooks;
    this.instance = config.instance.id;
    this.enabled = config.instance.workers;
    this.poller = new PeriodicTask({ name: 'claiming deliveries', everyMs: this.cfg.pollMs, run: () => this.poll(), log: this.log });
    this.metrics.registerProbe('deliveriesBacklog', () => this.deliveries.pendingCount());
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.poller.start();
    this.kick();
  }

  /** Open attempts finish and are written before the database closes (in onApplicationShutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.poller.stop();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Also after any commit of this instance that wrote outbox events: they go out without waiting for the poll. */
  @OnEvent(Events.outboxCommitted)
  kick(): void {
    if (this.enabled) this.poller.trigger();
  }

  private async poll(): Promise<void> {
    const free = this.cfg.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const now = this.clock.now();
    // The lease outlives one attempt (timeout + margin): only a dead instance lets it expire.
    const claimed = await this.deliveries.claim(free, this.instance, now, this.cfg.timeoutMs + Math.min(5000, this.cfg.timeoutMs), [...this.inFlight.keys()]);
    if (!claimed.length) return;
    const [events, subs] = await Promise.all([this.events.byIds([...new Set(claimed.map((d) => d.event_id))]), this.subscriptions.byIds([...new Set(claimed.map((d) => d.subscription_id))])]);
    const ev = new Map(events.map((e) => [e.id, e]));
    const sb = new Map(subs.map((s) => [s.id, s]));
    for (const d of claimed) {
      const event = ev.get(d.event_id)!;
      // Logged with the request id of the request that caused the event.
      const p: Promise<void> = withRequestId(event.request_id, () => this.attempt(d, event, sb.get(d.subscription_id)!))
        .catch((e) => this.log.error(`delivery ${d.id}: ${(e as Error)?.stack ?? e}`))
        .finally(() => {
          this.inFlight.delete(d.id);
          this.kick();
        });
      this.inFlight.set(d.id, p);
    }
    if (claimed.length === free) this.poller.again();
  }

  private async attempt(d: DeliveryRow, event: EventRow, sub: SubscriptionRow): Promise<void> {
    const at = this.clock.now();
    if (d.attempts > 1) this.metrics.deliveryRetries.inc();
    let status: number | null = null;
    let error: string | null = null;
    let snippet: string | null = null;
    let duration = 0;
    try {
      const res = await this.http.request({
        method: 'POST',
        url: sub.url,
        body: event.payload,
        headers: { 'content-type': 'application/json', ...(event.request_id ? { 'x-request-id': event.request_id } : {}), ...signedHeaders(event.id, new Date(at), event.payload, this.secrets.live(sub, at)) },
        timeoutMs: this.cfg.timeoutMs,
        maxBytes: 64 * 1024,
        maxRedirects: 0,
      });
      status = res.status;
      duration = res.durationMs;
      snippet = res.body.subarray(0, SNIPPET).toString('utf8') || null;
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (e) {
      duration = this.clock.now() - at;
      error = e instanceof SafeHttpError ? `${e.reason}: ${e.message}` : `network: ${(e as Error)?.message ?? e}`;
    }
    this.metrics.deliveryAttemptDuration.observe(duration / 1000);
    const now = this.clock.now();
    const log = { id: randomUUID(), delivery_id: d.id, attempt: d.attempts, instance: this.instance, at, duration_ms: Math.round(duration * 100) / 100, status_code: status, error, response_snippet: snippet };
    if (!error) {
      const ok = await this.storage.transaction(async (trx) => {
        const settled = await this.deliveries.settle(trx, d, this.instance, { status: 'delivered', delivered_at: now, last_attempt_at: at, last_status: status, last_error: null }, log);
        if (settled && sub.failing_since !== null) await this.subscriptions.update(trx, sub.id, { failing_since: null });
        return settled;
      });
      if (ok) {
        this.metrics.deliveryAttempts.inc({ outcome: 'delivered' });
        this.metrics.deliveryLatency.observe((now - d.created_at) / 1000);
      }
      return;
    }
    const delay = backoffMs(d.attempts, this.cfg.retryBaseMs, this.cfg.retryMaxDelayMs);
    // A delivery held while its endpoint was disabled counts its retry window from the re-enable.
    const giveUp = now + delay - (d.retry_from ?? d.created_at) > this.cfg.retryMaxAgeMs;
    let disabled = false;
    await this.storage.transaction(async (trx) => {
      const set = giveUp ? { status: 'failed', last_attempt_at: at, last_status: status, last_error: error } : { status: 'pending', next_attempt_at: now + delay, last_attempt_at: at, last_status: status, last_error: error };
      if (!(await this.deliveries.settle(trx, d, this.instance, set, log))) return;
      const current = await this.subscriptions.get(sub.id, trx);
      if (!current || !current.enabled) return;
      const since = current.failing_since ?? at;
      if (current.failing_since === null) await this.subscriptions.update(trx, sub.id, { failing_since: at });
      if (now - since >= this.cfg.disableAfterMs) {
        const reason = `failing since ${new Date(since).toISOString()} (last error: ${error})`;
        await this.subscriptions.update(trx, sub.id, { enabled: 0, disabled_at: now, disabled_reason: reason, updated_at: now });
        await this.outbox.emit(trx, 'webhook.disabled', { webhook_id: sub.id, url: sub.url, failing_since: new Date(since).toISOString(), disabled_at: new Date(now).toISOString(), reason }, now, { except: sub.id });
        await this.audit.append(trx, { actor: 'system', action: 'webhook.disabled', entityType: 'webhook', entityId: sub.id, before: { enabled: true }, after: { enabled: false, reason } }, now);
        disabled = true;
      }
    });
    this.metrics.deliveryAttempts.inc({ outcome: giveUp ? 'failed' : 'retry' });
    if (disabled) {
      this.metrics.webhooksDisabled.inc();
      this.log.warn(`webhook ${sub.id} (${sub.url}) disabled after failing for too long`);
      this.kick();
    }
  }
}
