import { Module } from '@nestjs/common';
import { FetchModule } from '../fetch/fetch.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { MediaModule } from '../media/media.module';
import { ModerationModule } from '../moderation/moderation.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { RecordsModule } from '../records/records.module';
import { JobRunner } from './job-runner.service';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsRetention } from './jobs-retention.service';
import { ModerationCommit } from './moderation-commit.service';
import { ModerationReader } from './moderation-reader.service';
import { StorageModule } from '../storage/storage.module';
import { MetricsModule } from '../metrics/metrics.module';

/**
 * The queue: async moderation jobs, their runner, the one commit of a moderation (ModerationCommit:
 * record, events, and the job's finish or the Idempotency-Key answer; used by src/intake too), and
 * GET /v1/moderations/{id}. Imported by src/intake (which submits); imports
 * ModerationModule to run jobs, never the other way round.
 */
@Module({
  imports: [
    MetricsModule,
    StorageModule,
    ModerationModule,
    MediaModule,
    FetchModule,
    IdempotencyModule,
    WebhooksModule,
    RecordsModule,
  ],
  providers: [JobsRepository, JobsRetention, ModerationCommit, JobRunner, ModerationReader],
  controllers: [JobsController],
  exports: [JobsRepository, JobRunner, ModerationCommit],
})
export class JobsModule {}
