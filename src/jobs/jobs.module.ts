import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { FetchModule } from '../fetch/fetch.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { MediaModule } from '../media/media.module';
import { ModerationModule } from '../moderation/moderation.module';
import { OutboxModule } from '../outbox/outbox.module';
import { RecordsModule } from '../records/records.module';
import { BatchService } from './batch.service';
import { CompletionService } from './completion.service';
import { JobRunner } from './job-runner.service';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { ModerationReader } from './moderation-reader.service';
import { SubmissionService } from './submission.service';

/**
 * Async moderation jobs, batch, and the completion bookkeeping shared with the synchronous path.
 * Imported by ModerationApiModule (POST /v1/moderations hands requests to SubmissionService); imports
 * ModerationModule to run them, never the other way round.
 */
@Module({
  imports: [
    ModerationModule,
    MediaModule,
    FetchModule,
    IdempotencyModule,
    OutboxModule,
    RecordsModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({
        storage: memoryStorage(),
        limits: { fileSize: c.media.maxBytes, files: c.integration.batchMaxItems, fields: 16, fieldSize: 64 * 1024, parts: c.integration.batchMaxItems + 24, headerPairs: 100 },
      }),
    }),
  ],
  providers: [JobsRepository, CompletionService, JobRunner, SubmissionService, BatchService, ModerationReader],
  controllers: [JobsController],
  exports: [SubmissionService, JobsRepository, JobRunner],
})
export class JobsModule {}
