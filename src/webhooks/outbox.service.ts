import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { currentRequestId } from '../common/request-scope';
import { Clock } from '../storage/clock';
import type { Executor } from '../storage/database.types';
import { EventPayload, EventType } from './event-types';
import { DeliveriesRepository } from './deliveries.repository';
import { OutboxEventsRepository } from './outbox-events.repository';
import { SubscriptionsRepository } from './subscriptions.repository';

/**
 * The transactional outbox. `emit` is called with the transaction that makes the change the event
 * describes: the event row and one pending delivery per interested subscription commit or roll back
 * with it. A disabled subscription gets its delivery too: it is held (the worker only claims deliveries
 * of enabled endpoints) and goes out when the endpoint is enabled again, so disabling an endpoint, by
 * hand or after WEBHOOK_DISABLE_AFTER_MS of failures, never loses an event. Nothing is sent here; the
 * delivery worker (delivery-worker.service.ts) picks committed rows up, on any instance, after any
 * restart; the caller that committed emits Events.outboxCommitted (src/common/events.ts) once its
 * transaction returns, so the worker of this instance claims at once instead of at its next poll.
 * The event names the request it was emitted for (src/common/request-scope.ts), which each delivery
 * carries. Emitters (jobs, banks, reviews) import WebhooksModule; webhooks imports none of them.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly clock: Clock,
    private readonly events: OutboxEventsRepository,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  /** Writes the event and its pending deliveries; returns how many deliveries it queued (0: no endpoint wants it). */
  async emit(exec: Executor, type: EventType, data: Record<string, unknown>, at = this.clock.now(), opts: { except?: string } = {}): Promise<number> {
    const id = `msg_${randomUUID().replace(/-/g, '')}`;
    const payload: EventPayload = { type, timestamp: new Date(at).toISOString(), data };
    await this.events.insert(exec, { id, type, payload: JSON.stringify(payload), created_at: at, request_id: currentRequestId() ?? null });
    const subs = await this.subscriptions.eventTypes(exec);
    const wanted = subs.filter((s) => s.id !== opts.except && (JSON.parse(s.event_types) as string[]).includes(type));
    await this.deliveries.insertPending(exec, { id, type }, wanted.map((s) => s.id), at);
    return wanted.length;
  }
}
