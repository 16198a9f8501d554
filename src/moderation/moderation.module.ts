import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { BanksModule } from '../banks/banks.module';
import { MediaModule } from '../media/media.module';
import { EmbeddingsController } from './embeddings.controller';
import { ModerationController } from './moderation.controller';
import { ModerationService } from './moderation.service';

@Module({
  imports: [
    MediaModule,
    BanksModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      // Multipart stays in memory but bounded: one file of at most the byte limit, few small fields.
      useFactory: (c: AppConfig) => ({
        storage: memoryStorage(),
        limits: { fileSize: c.media.maxBytes, files: 1, fields: 16, fieldSize: 64 * 1024, parts: 24, headerPairs: 100 },
      }),
    }),
  ],
  providers: [ModerationService],
  controllers: [ModerationController, EmbeddingsController],
  exports: [ModerationService],
})
export class ModerationModule {}
