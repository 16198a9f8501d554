import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { Clock } from '../storage/clock';
import type { Executor } from '../storage/database.types';
import { Storage } from '../storage/storage';

const FINISHED = ['delivered', 'failed'];

/**
 * Keeps the outbox, the delivery log and finished async jobs from growing forever: after
 * EVENT_RETENTION_MS they are deleted. Deliveries being retried (and so their events) are never
 * touched. Deliveries held for a disabled endpoint are the one cap: once older than
 * EVENT_RETENTION_MS they are marked failed (`expired`) and go with the rest, so an endpoint left
 * disabled cannot make the outbox grow without bound. Every instance may sweep; the writes are idempotent.
 */
@Injectable()
export class OutboxRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('OutboxRetention');
  private readonly retentionMs: number;
  private readonly enabled: boolean;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {
    this.retentionMs = config.integration.retentionMs;
    this.enabled = config.integration.workers;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => this.sweep().catch((e) => this.log.warn(`sweep failed: ${(e as Error).message}`)), Math.min(this.retentionMs, 3600_000));
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<{ jobs: number; deliveries: number; events: number; expired: number }> {
    const now = this.clock.now();
    const cutoff = now - this.retentionMs;
    const swept = await this.storage.transaction(async (t) => {
      const trx: Executor = t;
      const disabled = trx.selectFrom('webhook_subscriptions').select('id').where('enabled', '=', 0);
      const x = await trx
        .updateTable('webhook_deliveries')
        .set({ status: 'failed', last_error: `expired: held longer than EVENT_RETENTION_MS (${this.retentionMs} ms) while the endpoint was disabled` })
        .where('status', '=', 'pending')
        .where('created_at', '<', cutoff)
        .where('subscription_id', 'in', disabled)
        .executeTakeFirst();
      const old = trx.selectFrom('webhook_deliveries').select('id').where('status', 'in', FINISHED).where('created_at', '<', cutoff);
      await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', old).execute();
      const d = await trx.deleteFrom('webhook_deliveries').where('status', 'in', FINISHED).where('created_at', '<', cutoff).executeTakeFirst();
      const waiting = trx.selectFrom('webhook_deliveries').select('event_id');
      const e = await trx.deleteFrom('outbox_events').where('created_at', '<', cutoff).where('id', 'not in', waiting).executeTakeFirst();
      const j = await trx.deleteFrom('moderation_jobs').where('status', 'in', ['succeeded', 'failed']).where('finished_at', '<', cutoff).executeTakeFirst();
      return { jobs: Number(j.numDeletedRows), deliveries: Number(d.numDeletedRows), events: Number(e.numDeletedRows), expired: Number(x.numUpdatedRows) };
    });
    if (swept.expired) this.log.warn(`dropped ${swept.expired} webhook deliveries held longer than EVENT_RETENTION_MS for disabled endpoints`);
    return swept;
  }
}
