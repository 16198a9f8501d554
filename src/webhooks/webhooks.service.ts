import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import type { Caller } from '../common/auth.guard';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { SafeHttp, SafeHttpError } from '../fetch/safe-http.service';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { readCursor } from '../common/cursor';
import { EVENT_TYPES } from './event-types';
import { DeliveryWorker } from './delivery-worker.service';
import { newSecret } from './signing';
import { CreateSubscriptionDto, isDeliveryCursor, ListDeliveriesQueryDto, UpdateSubscriptionDto } from './dto/subscription.dto';
import { WebhookSecrets } from './webhook-secrets';
import { DeliveriesRepository, DeliveryRow } from './deliveries.repository';
import { OutboxEventsRepository } from './outbox-events.repository';
import { SubscriptionRow, SubscriptionsRepository } from './subscriptions.repository';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function subscriptionView(s: SubscriptionRow) {
  return {
    id: s.id,
    url: s.url,
    description: s.description,
    events: JSON.parse(s.event_types) as string[],
    enabled: s.enabled === 1,
    disabled_at: iso(s.disabled_at),
    disabled_reason: s.disabled_reason,
    failing_since: iso(s.failing_since),
    secret_rotation: s.previous_secret ? { previous_secret_expires_at: iso(s.previous_secret_expires_at) } : null,
    created_by: s.created_by,
    created_at: iso(s.created_at),
    updated_at: iso(s.updated_at),
  };
}

/** Webhook subscriptions: CRUD, secrets with rotation overlap, the delivery log and manual redelivery. */
@Injectable()
export class WebhooksService {
  private readonly overlapMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveryLog: DeliveriesRepository,
    private readonly events: OutboxEventsRepository,
    private readonly http: SafeHttp,
    private readonly audit: AuditService,
    private readonly worker: DeliveryWorker,
    private readonly clock: Clock,
    private readonly secrets: WebhookSecrets,
  ) {
    this.overlapMs = config.webhooks.secretOverlapMs;
  }

  async create(input: CreateSubscriptionDto, caller: Caller, requestId?: string) {
    const fields = { events: input.events ? [...new Set(input.events)] : [...EVENT_TYPES], description: input.description ?? null, enabled: input.enabled ?? true, url: input.url };
    const url = await this.url(fields.url);
    const now = this.clock.now();
    const id = randomUUID();
    const secret = newSecret();
    const row: SubscriptionRow = {
      id,
      url,
      description: fields.description ?? null,
      event_types: JSON.stringify(fields.events),
      enabled: fields.enabled ? 1 : 0,
      secret: this.secrets.seal(id, secret),
      previous_secret: null,
      previous_secret_expires_at: null,
      failing_since: null,
      disabled_at: null,
      disabled_reason: null,
      created_by: caller.name,
      created_at: now,
      updated_at: now,
    };
    await this.storage.transaction(async (trx) => {
      await this.subscriptions.insert(trx, row);
      // The answer carries the new secret: that is a read of it, and the entry says so (never the value).
      await this.audit.append(trx, { actor: caller.name, action: 'webhook.created', entityType: 'webhook', entityId: id, after: { url, events: fields.events, enabled: fields.enabled, secret_issued: true }, requestId }, now);
    });
    return { ...subscriptionView(row), secret };
  }

  async list() {
    return { items: (await this.subscriptions.list()).map(subscriptionView) };
  }

  async get(id: string) {
    return subscriptionView(await this.mustGet(id));
  }

  async update(id: string, input: UpdateSubscriptionDto, caller: Caller, requestId?: string) {
    const fields = { ...input, ...(input.events ? { events: [...new Set(input.events)] } : {}) };
    const before = await this.mustGet(id);
    const now = this.clock.now();
    const set: Partial<SubscriptionRow> = { updated_at: now };
    if (fields.url !== undefined) set.url = await this.url(fields.url);
    if (fields.events !== undefined) set.event_types = JSON.stringify(fields.events);
    if (fields.description !== undefined) set.description = fields.description;
    if (fields.enabled !== undefined) {
      set.enabled = fields.enabled ? 1 : 0;
      // Re-enabling starts a fresh failure window; the deliveries held meanwhile go out now.
      if (fields.enabled) Object.assign(set, { disabled_at: null, disabled_reason: null, failing_since: null });
    }
    const released = fields.enabled === true && before.enabled === 0;
    const row = await this.storage.transaction(async (trx) => {
      const r = await this.subscriptions.update(trx, id, set);
      if (!r) throw this.notFound(id);
      const held = released ? await this.deliveryLog.release(trx, id, now) : 0;
      await this.audit.append(trx, { actor: caller.name, action: 'webhook.updated', entityType: 'webhook', entityId: id, before: subscriptionView(before), after: { ...subscriptionView(r), ...(released ? { released_deliveries: held } : {}) }, requestId }, now);
      return r;
    });
    // Held deliveries were released: they go out now, not at the next poll.
    if (row.enabled) this.worker.kick();
    return subscriptionView(row);
  }

  async remove(id: string, caller: Caller, requestId?: string): Promise<void> {
    const deleted = await this.storage.transaction(async (trx) => {
      await this.deliveryLog.deleteBySubscription(trx, id);
      return this.subscriptions.delete(trx, id);
    });
    if (!deleted) throw this.notFound(id);
    await this.audit.append(this.storage.db, { actor: caller.name, action: 'webhook.deleted', entityType: 'webhook', entityId: id, requestId });
  }

  /** The current signing secret, decrypted; every read is audited (who, which webhook; never the value). */
  async secret(id: string, caller: Caller, requestId?: string) {
    const s = await this.mustGet(id);
    const secret = this.secrets.open(s, s.secret);
    await this.audit.append(this.storage.db, { actor: caller.name, action: 'webhook.secret_read', entityType: 'webhook', entityId: id, requestId });
    return { secret, previous_secret_expires_at: s.previous_secret ? iso(s.previous_secret_expires_at) : null };
  }

  /** A new secret signs from now on; the old one also signs for `overlapMs` so receivers can switch without losing events. */
  async rotate(id: string, overlapMs: number | undefined, caller: Caller, requestId?: string) {
    const overlap = overlapMs ?? this.overlapMs;
    const before = await this.mustGet(id);
    const now = this.clock.now();
    const secret = newSecret();
    const set = { secret: this.secrets.seal(id, secret), previous_secret: overlap > 0 ? this.secrets.seal(id, this.secrets.open(before, before.secret)) : null, previous_secret_expires_at: overlap > 0 ? now + overlap : null, updated_at: now };
    await this.storage.transaction(async (trx) => {
      if (!(await this.subscriptions.update(trx, id, set))) throw this.notFound(id);
      await this.audit.append(trx, { actor: caller.name, action: 'webhook.secret_rotated', entityType: 'webhook', entityId: id, after: { overlap_ms: overlap }, requestId }, now);
    });
    return { secret, previous_secret_expires_at: overlap > 0 ? iso(now + overlap) : null };
  }

  async deliveries(id: string, q: ListDeliveriesQueryDto) {
    const sub = await this.mustGet(id);
    const limit = q.limit ?? 50;
    const before = q.before === undefined ? undefined : readCursor(q.before, isDeliveryCursor);
    const rows = await this.deliveryLog.list(id, q.status, before, limit);
    const attempts = await this.deliveryLog.attempts(rows.map((r) => r.id));
    const last = rows[rows.length - 1];
    return {
      items: rows.map((d) => this.deliveryView(d, d.request_id, attempts.filter((a) => a.delivery_id === d.id), sub.enabled === 0)),
      next_cursor: rows.length === limit ? Buffer.from(JSON.stringify({ created_at: last.created_at, id: last.id })).toString('base64url') : null,
    };
  }

  async redeliver(id: string, deliveryId: string, caller: Caller) {
    const sub = await this.mustGet(id);
    const row = await this.deliveryLog.redeliver(id, deliveryId, this.clock.now());
    if (!row) throw new AppError('not_found', `delivery ${deliveryId} of webhook ${id} does not exist or is being attempted right now`, { webhook_id: id, delivery_id: deliveryId });
    await this.audit.append(this.storage.db, { actor: caller.name, action: 'webhook.redelivery_requested', entityType: 'webhook', entityId: id, after: { delivery_id: deliveryId, event_id: row.event_id } });
    this.worker.kick();
    return this.deliveryView(row, await this.events.requestId(row.event_id), [], sub.enabled === 0);
  }

  /** `held`: pending while the endpoint is disabled; it goes out when the endpoint is enabled again. */
  private deliveryView(d: DeliveryRow, requestId: string | null, attempts: { attempt: number; at: number; duration_ms: number; status_code: number | null; error: string | null; response_snippet: string | null; instance: string }[], disabled: boolean) {
    return {
      id: d.id,
      event_id: d.event_id,
      event_type: d.event_type,
      request_id: requestId,
      status: d.status,
      held: disabled && d.status === 'pending',
      attempts: d.attempts,
      created_at: iso(d.created_at),
      next_attempt_at: d.status === 'pending' ? iso(d.next_attempt_at) : null,
      last_attempt_at: iso(d.last_attempt_at),
      delivered_at: iso(d.delivered_at),
      last_status: d.last_status,
      last_error: d.last_error,
      log: attempts.map((a) => ({ attempt: a.attempt, at: iso(a.at), duration_ms: a.duration_ms, status_code: a.status_code, error: a.error, response: a.response_snippet, instance: a.instance })),
    };
  }

  /** The URL's address is judged now (and again before every delivery). */
  private async url(raw: string): Promise<string> {
    try {
      await this.http.check(raw);
    } catch (e) {
      // details.reason as URL intake gives it for the same refusal.
      if (e instanceof SafeHttpError && e.reason === 'not_allowed') throw new AppError('url_not_allowed', e.message, { reason: 'address', ...e.details });
      if (e instanceof SafeHttpError && e.reason === 'invalid_url') {
        // The same shape as the ValidationPipe's answers: the URL parser is the check of the scheme and host.
        throw new AppError('invalid_parameter', `url: ${e.message}`, { field: 'url', errors: [{ field: 'url', constraint: 'isUrl', message: `url: ${e.message}` }] });
      }
      // DNS may be down right now; the address is judged again before every delivery.
    }
    return raw;
  }

  private async mustGet(id: string): Promise<SubscriptionRow> {
    const s = await this.subscriptions.get(id);
    if (!s) throw this.notFound(id);
    return s;
  }

  private notFound(id: string): AppError {
    return new AppError('not_found', `webhook ${id} does not exist`, { webhook_id: id });
  }
}
