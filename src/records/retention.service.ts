import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { PeriodicTask } from '../common/periodic-task';
import { APP_CONFIG, AppConfig, StorageConfig } from '../config/configuration';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { BlobStore } from './blob-store';
import { RecordsRepository } from './records.repository';

/** Deletes kept images past retention, on a timer; each deletion is audited. */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Retention');
  private readonly cfg: StorageConfig;
  private readonly sweeper: PeriodicTask<number>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly repo: RecordsRepository,
    private readonly blobs: BlobStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.cfg = config.storage;
    this.sweeper = new PeriodicTask({ name: 'retention sweep', everyMs: this.cfg.sweepIntervalSeconds * 1000, run: () => this.pass(), log: this.log, level: 'error' });
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.sweeper.stop();
  }

  /** One pass; returns how many images were deleted. Concurrent calls share the pass in progress. */
  sweep(): Promise<number> {
    return this.sweeper.runNow({ join: true });
  }

  private async pass(): Promise<number> {
    const now = this.clock.now();
    const cutoff = now - this.cfg.retentionHours * 3600_000;
    let deleted = 0;
    for (;;) {
      const due = await this.repo.blobsDue(cutoff, 200);
      for (const d of due) {
        // Unlink the row's pointer and audit first; the file follows. A crash in between leaves an orphan file, never a dangling pointer.
        const marked = await this.storage.transaction(async (trx) => {
          if (!(await this.repo.markBlobDeleted(trx, d.id, now))) return false;
          await this.audit.append(trx, { actor: 'system', action: 'image.deleted', entityType: 'moderation', entityId: d.id, before: { blob_key: d.blob_key }, after: { reason: 'retention', retention_hours: this.cfg.retentionHours } }, now);
          return true;
        });
        if (marked) {
          await this.blobs.delete(d.blob_key);
          deleted++;
        }
      }
      if (due.length < 200) break;
    }
    if (deleted) this.log.log(`retention: deleted ${deleted} kept image(s)`);
    return deleted;
  }
}
