import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import type { Caller } from '../common/auth.guard';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { SafeHttp, SafeHttpError } from '../fetch/safe-http.service';
import { EVENT_TYPES } from '../outbox/events';
import { OutboxService } from '../outbox/outbox.service';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { newSecret } from './signing';
import { DeliveryRow, SubscriptionRow, WebhooksRepository } from './webhooks.repository';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface SubscriptionInput {
  url?: unknown;
  events?: unknown;
  description?: unknown;
  enabled?: unknown;
}

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
    private readonly repo: WebhooksRepository,
    private readonly http: SafeHttp,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {
    this.overlapMs = config.integration.webhooks.secretOverlapMs;
  }

  async create(input: SubscriptionInput, caller: Caller) {
    const url = await this.url(input.url);
    const events = this.events(input.events ?? [...EVENT_TYPES]);
    const now = this.clock.now();
    const row: SubscriptionRow = {
      id: randomUUID(),
      url,
      description: this.description(input.description),
      event_types: JSON.stringify(events),
      enabled: input.enabled === false ? 0 : 1,
      secret: newSecret(),
      previous_secret: null,
      previous_secret_expires_at: null,
      failing_since: null,
      disabled_at: null,
      disabled_reason: null,
      created_by: caller.name,
      created_at: now,
      updated_at: now,
    };
    await this.repo.insertSubscription(row);
    await this.audit.append(this.storage.db, { actor: caller.name, action: 'webhook.created', entityType: 'webhook', entityId: row.id, after: { url, events } });
    return { ...subscriptionView(row), secret: row.secret };
  }

  async list() {
    return { items: (await this.repo.listSubscriptions()).map(subscriptionView) };
  }

  async get(id: string) {
    return subscriptionView(await this.mustGet(id));
  }

  async update(id: string, input: SubscriptionInput, caller: Caller) {
    const before = await this.mustGet(id);
    const set: Partial<SubscriptionRow> = { updated_at: this.clock.now() };
    if (input.url !== undefined) set.url = await this.url(input.url);
    if (input.events !== undefined) set.event_types = JSON.stringify(this.events(input.events));
    if (input.description !== undefined) set.description = this.description(input.description);
    if (input.enabled !== undefined) {
      if (typeof input.enabled !== 'boolean') throw new AppError('invalid_parameter', 'enabled must be true or false');
      set.enabled = input.enabled ? 1 : 0;
      // Re-enabling starts a fresh failure window; the deliveries that waited are attempted again.
      if (input.enabled) Object.assign(set, { disabled_at: null, disabled_reason: null, failing_since: null });
    }
    const row = await this.repo.updateSubscription(this.storage.db, id, set);
    if (!row) throw this.notFound(id);
    await this.audit.append(this.storage.db, { actor: caller.name, action: 'webhook.updated', entityType: 'webhook', entityId: id, before: subscriptionView(before), after: subscriptionView(row) });
    if (row.enabled) this.outbox.committed();
    return subscriptionView(row);
  }

  async remove(id: string, caller: Caller): Promise<void> {
    if (!(await this.repo.deleteSubscription(id))) throw this.notFound(id);
    await this.audit.append(this.storage.db, { actor: caller.name, action: 'webhook.deleted', entityType: 'webhook', entityId: id });
  }

  async secret(id: string) {
    const s = await this.mustGet(id);
    return { secret: s.secret, previous_secret_expires_at: s.previous_secret ? iso(s.previous_secret_expires_at) : null };
  }

  /** A new secret signs from now on; the old one also signs for `overlapMs` so receivers can switch without losing events. */
  async rotate(id: string, overlapMs: unknown, caller: Caller) {
    // Number() of a nested array recurses through toString(): only numbers and numeric strings.
    const overlap = overlapMs === undefined ? this.overlapMs : typeof overlapMs === 'number' || typeof overlapMs === 'string' ? Number(overlapMs) : NaN;
    if (!Number.isInteger(overlap) || overlap < 0 || overlap > 30 * 24 * 3600_000) throw new AppError('invalid_parameter', 'overlap_ms must be an integer from 0 to 30 days in ms');
    const before = await this.mustGet(id);
    const now = this.clock.now();
    const secret = newSecret();
    const row = await this.repo.updateSubscription(this.storage.db, id, { secret, previous_secret: overlap > 0 ? before.secret : null, previous_secret_expires_at: overlap > 0 ? now + overlap : null, updated_at: now });
    if (!row) throw this.notFound(id);
    await this.audit.append(this.storage.db, { actor: caller.name, action: 'webhook.secret_rotated', entityType: 'webhook', entityId: id, after: { overlap_ms: overlap } });
    return { secret, previous_secret_expires_at: overlap > 0 ? iso(now + overlap) : null };
  }

  async deliveries(id: string, q: { status?: string; limit?: string; before?: string }) {
    await this.mustGet(id);
    const limit = q.limit === undefined ? 50 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new AppError('invalid_parameter', 'limit must be 1..500');
    if (q.status !== undefined && !['pending', 'delivering', 'delivered', 'failed'].includes(q.status)) throw new AppError('invalid_parameter', 'status must be pending, delivering, delivered or failed');
    let before: { created_at: number; id: string } | undefined;
    if (q.before) {
      try {
        before = JSON.parse(Buffer.from(q.before, 'base64url').toString('utf8'));
      } catch {
        /* checked below */
      }
      // Any JSON decodes: only the shape we hand out may reach the query (an object or null there was a 500).
      if (typeof before?.created_at !== 'number' || typeof before?.id !== 'string') throw new AppError('invalid_parameter', 'before must be a next_cursor from a previous page');
    }
    const rows = await this.repo.deliveries(id, q.status, before, limit);
    const attempts = await this.repo.attempts(rows.map((r) => r.id));
    const last = rows[rows.length - 1];
    return {
      items: rows.map((d) => this.deliveryView(d, attempts.filter((a) => a.delivery_id === d.id))),
      next_cursor: rows.length === limit ? Buffer.from(JSON.stringify({ created_at: last.created_at, id: last.id })).toString('base64url') : null,
    };
  }

  async redeliver(id: string, deliveryId: string, caller: Caller) {
    await this.mustGet(id);
    const row = await this.repo.redeliver(id, deliveryId, this.clock.now());
    if (!row) throw new AppError('not_found', `delivery ${deliveryId} of webhook ${id} does not exist or is being attempted right now`, { webhook_id: id, delivery_id: deliveryId });
    await this.audit.append(this.storage.db, { actor: caller.name, action: 'webhook.redelivery_requested', entityType: 'webhook', entityId: id, after: { delivery_id: deliveryId, event_id: row.event_id } });
    this.outbox.committed();
    return this.deliveryView(row, []);
  }

  private deliveryView(d: DeliveryRow, attempts: { attempt: number; at: number; duration_ms: number; status_code: number | null; error: string | null; response_snippet: string | null; instance: string }[]) {
    return {
      id: d.id,
      event_id: d.event_id,
      event_type: d.event_type,
      status: d.status,
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

  private async url(raw: unknown): Promise<string> {
    if (typeof raw !== 'string' || raw.length > 2048) throw new AppError('invalid_parameter', 'url must be an http(s) URL of at most 2048 characters');
    try {
      await this.http.check(raw);
    } catch (e) {
      if (e instanceof SafeHttpError && e.reason === 'not_allowed') throw new AppError('url_not_allowed', e.message, e.details);
      if (e instanceof SafeHttpError && e.reason === 'invalid_url') throw new AppError('invalid_parameter', `url: ${e.message}`);
      // DNS may be down right now; the address is judged again before every delivery.
    }
    return raw;
  }

  private events(raw: unknown): string[] {
    if (!Array.isArray(raw) || raw.length === 0 || raw.some((e) => typeof e !== 'string')) throw new AppError('invalid_parameter', 'events must be a non-empty list of event types', { known: EVENT_TYPES });
    const unknown = raw.filter((e) => !(EVENT_TYPES as readonly string[]).includes(e));
    if (unknown.length) throw new AppError('invalid_parameter', `unknown event type(s): ${unknown.join(', ')}`, { unknown, known: EVENT_TYPES });
    return [...new Set(raw as string[])];
  }

  private description(raw: unknown): string | null {
    if (raw === undefined || raw === null) return null;
    if (typeof raw !== 'string' || raw.length > 500) throw new AppError('invalid_parameter', 'description must be a string of at most 500 characters');
    return raw;
  }

  private async mustGet(id: string): Promise<SubscriptionRow> {
    const s = await this.repo.getSubscription(id);
    if (!s) throw this.notFound(id);
    return s;
  }

  private notFound(id: string): AppError {
    return new AppError('not_found', `webhook ${id} does not exist`, { webhook_id: id });
  }
}
