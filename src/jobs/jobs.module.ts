import { Module } from '@nestjs/common';
import { FetchModule } from '../fetch/fetch.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { MediaModule } from '../media/media.module';
import { ModerationModule } from '../moderation/moderation.module';
import { OutboxModule } from '../outbox/outbox.module';
import { RecordsModule } from '../records/records.module';
import { CompletionService } from './completion.service';
import { JobRunner } from './job-runner.service';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { ModerationReader } from './moderation-reader.service';

/**
 * The queue: async moderation jobs, their runner, the completion bookkeeping shared with the
 * synchronous path, and GET /v1/moderations/{id}. Imported by src/intake (which submits); imports
 * ModerationModule to run jobs, never the other way round.
 */
@Module({
  imports: [
    ModerationModule,
    MediaModule,
    FetchModule,
    IdempotencyModule,
    OutboxModule,
    RecordsModule,
  ],
  providers: [JobsRepository, CompletionService, JobRunner, ModerationReader],
  controllers: [JobsController],
  exports: [JobsRepository, JobRunner, CompletionService],
})
export class JobsModule {}
