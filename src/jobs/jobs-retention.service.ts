import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from '../common/periodic-task';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { JobsRepository } from './jobs.repository';

/**
 * Keeps finished async jobs from growing forever: succeeded and failed jobs are deleted
 * EVENT_RETENTION_MS after they finished, the same window as the webhook events they emitted
 * (src/webhooks/outbox-retention.service.ts). Their moderation records stay (their own retention).
 * Every instance that runs workers sweeps; the delete is idempotent.
 */
@Injectable()
export class JobsRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('JobsRetention');
  private readonly retentionMs: number;
  private readonly enabled: boolean;
  private readonly sweeper: PeriodicTask<{ jobs: number }>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly jobs: JobsRepository,
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
  sweep(): Promise<{ jobs: number }> {
    return this.sweeper.runNow();
  }

  private async pass(): Promise<{ jobs: number }> {
    return { jobs: await this.jobs.deleteFinishedBefore(this.storage.db, this.clock.now() - this.retentionMs) };
  }
}
