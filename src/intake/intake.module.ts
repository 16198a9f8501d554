import { multipartModule } from '../common/multipart';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { EngineModule } from '../engine/engine.module';
import { FetchModule } from '../fetch/fetch.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { JobsModule } from '../jobs/jobs.module';
import { MediaModule } from '../media/media.module';
import { ModerationModule } from '../moderation/moderation.module';
import { BatchController } from './batch.controller';
import { BatchService } from './batch.service';
import { EmbeddingsController } from './embeddings.controller';
import { ModerationController } from './moderation.controller';
import { SubmissionService } from './submission.service';
import { StorageModule } from '../storage/storage.module';
import { MetricsModule } from '../metrics/metrics.module';

/** Image uploads: the file size limit, few small fields. */
const imageParts = (c: AppConfig, files: number) => ({ fileSize: c.media.maxBytes, files, fields: 16, fieldSize: 64 * 1024, parts: files + 24 });

/**
 * POST /v1/moderations/batch, with its own multipart limits (up to BATCH_MAX_ITEMS files): Multer's
 * options are per module. Provides SubmissionService, the one way a submission (sync or async, an
 * image or a URL) reaches the queue or the engine.
 */
@Module({
  imports: [
    MetricsModule,
    StorageModule,
    ModerationModule,
    MediaModule,
    FetchModule,
    IdempotencyModule,
    JobsModule,
    // One file more than a batch holds: BatchImagesInterceptor answers that one with too_many_items.
    multipartModule((c) => imageParts(c, c.batch.maxItems + 1)),
  ],
  providers: [SubmissionService, BatchService],
  controllers: [BatchController],
  exports: [SubmissionService],
})
export class BatchIntakeModule {}

/**
 * The HTTP edges that take images: POST /v1/moderations (sync, async, idempotent, URL intake),
 * POST /v1/embeddings and, through BatchIntakeModule, POST /v1/moderations/batch. The top of the
 * request path: intake → jobs → moderation → records; nothing imports intake but the app.
 */
@Module({
  imports: [
    EngineModule,
    MediaModule,
    IdempotencyModule,
    BatchIntakeModule,
    multipartModule((c) => imageParts(c, 1)),
  ],
  controllers: [ModerationController, EmbeddingsController],
})
export class IntakeModule {}
