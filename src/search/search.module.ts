import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { EngineModule } from '../engine/engine.module';
import { MediaModule } from '../media/media.module';
import { RecordsModule } from '../records/records.module';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';
import { StorageModule } from '../storage/storage.module';
import { MetricsModule } from '../metrics/metrics.module';

@Module({
  imports: [
    MetricsModule,
    StorageModule,
    EngineModule,
    MediaModule,
    RecordsModule,
    // Search by image: one uploaded file of at most MEDIA_MAX_BYTES, held in memory, few small fields.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({ storage: memoryStorage(), limits: { fileSize: c.media.maxBytes, files: 1, fields: 8, fieldSize: 1024, parts: 12, headerPairs: 100 } }),
    }),
  ],
  providers: [SearchService],
  controllers: [SearchController],
  exports: [SearchService],
})
export class SearchModule {}
