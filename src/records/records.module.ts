import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { BlobStore, FolderBlobStore } from './blob-store';
import { RecordsRepository } from './records.repository';
import { RecordsService } from './records.service';
import { RetentionService } from './retention.service';

/** Global so the moderation service can record without its module importing this one. Records are read through GET /v1/moderations/{id} (src/jobs). */
@Global()
@Module({
  providers: [
    RecordsRepository,
    RecordsService,
    RetentionService,
    { provide: BlobStore, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new FolderBlobStore(c.storage.blobDir) },
  ],
  exports: [RecordsService, RecordsRepository, BlobStore, RetentionService],
})
export class RecordsModule {}
