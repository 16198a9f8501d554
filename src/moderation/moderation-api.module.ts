import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { EngineModule } from '../engine/engine.module';
import { FetchModule } from '../fetch/fetch.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { JobsModule } from '../jobs/jobs.module';
import { MediaModule } from '../media/media.module';
import { EmbeddingsController } from './embeddings.controller';
import { ModerationController } from './moderation.controller';

/**
 * The HTTP edges that take one image: POST /v1/moderations (sync, async, idempotent) and
 * POST /v1/embeddings. Above JobsModule (SubmissionService), which is above ModerationModule:
 * intake → jobs → moderation → records.
 */
@Module({
  imports: [
    EngineModule,
    MediaModule,
    FetchModule,
    IdempotencyModule,
    JobsModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      // Multipart stays in memory but bounded: one file of at most the byte limit, few small fields.
      useFactory: (c: AppConfig) => ({
        storage: memoryStorage(),
        limits: { fileSize: c.media.maxBytes, files: 1, fields: 16, fieldSize: 64 * 1024, parts: 24, headerPairs: 100 },
      }),
    }),
  ],
  controllers: [ModerationController, EmbeddingsController],
})
export class ModerationApiModule {}
