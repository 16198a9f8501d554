import { Module } from '@nestjs/common';
import { multipartModule } from '../common/multipart';
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
    multipartModule((c) => ({ fileSize: c.media.maxBytes, files: 1, fields: 8, fieldSize: 1024, parts: 12 })),
  ],
  providers: [SearchService],
  controllers: [SearchController],
  exports: [SearchService],
})
export class SearchModule {}
