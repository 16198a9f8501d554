import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from '../common/periodic-task';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { DeliveriesRepository } from './deliveries.repository';
import { OutboxEventsRepository } from './outbox-events.repository';

/** What one sweep removed (`expired`: held deliveries given up). */
export interface SweepCounts {
  deliveries: number;
  events: number;
  expired: number;
}

/**
 * Keeps the outbox and the delivery log from growing forever: after EVENT_RETENTION_MS they are
 * deleted (finished async jobs go after the same time: src/jobs/jobs-retention.service.ts).
 * Deliveries being retried (and so their events) are never touched. Deliveries held for a disabled
 * endpoint are the one cap: once older than EVENT_RETENTION_MS they are marked failed (`expired`)
 * and go with the rest, so an endpoint left disabled cannot make the outbox grow without bound.
 * Every instance may sweep; the writes are idempotent.
 */
@Injectable()
export class OutboxRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('OutboxRetention');
  private readonly retentionMs: number;
  private readonly enabled: boolean;
  private readonly sweeper: PeriodicTask<SweepCounts>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly events: OutboxEventsRepository,
    private readonly deliveries: DeliveriesRepository,
  ) {
    this.retentionMs = config.events.retentionMs;
    this.enabled = config.instance.workers;
    this.sweeper = new PeriodicTask({ name: 'sweep', everyMs: Math.min(this.retentionMs, 3600_000), run: () => this.pass(), log: this.log });
  }

  onApplicationBootstrap(): void {
    if (this.enabled) this.sweeper.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.sweeper.stop();
  }

  /** One pass that starts after this call; rejects when it fails. */
  sweep(): Promise<SweepCounts> {
    return this.sweeper.runNow();
  }

  private async pass(): Promise<SweepCounts> {
    const now = this.clock.now();
    const cutoff = now - this.retentionMs;
    const swept = await this.storage.transaction(async (trx) => {
      const expired = await this.deliveries.expireHeld(trx, cutoff, `expired: held longer than EVENT_RETENTION_MS (${this.retentionMs} ms) while the endpoint was disabled`);
      const deliveries = await this.deliveries.deleteFinished(trx, cutoff);
      const events = await this.events.deleteDelivered(trx, cutoff);
      return { deliveries, events, expired };
    });
    if (swept.expired) this.log.warn(`dropped ${swept.expired} webhook deliveries held longer than EVENT_RETENTION_MS for disabled endpoints`);
    return swept;
  }
}
