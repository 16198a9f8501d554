import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { BlobStore, FolderBlobStore } from './blob-store';
import { RecordsRepository } from './records.repository';
import { RecordsService } from './records.service';
import { RetentionService } from './retention.service';
import { StorageModule } from '../storage/storage.module';

/**
 * Stored moderation records, their image blobs and retention. Imported by the modules that record or
 * read them (moderation, jobs, reviews, search, banks, health); records are served through
 * GET /v1/moderations/{id} (src/jobs). The answer's type (ModerationBody) lives here too.
 */
@Module({
  imports: [StorageModule, AuditModule],
  providers: [
    RecordsRepository,
    RecordsService,
    RetentionService,
    { provide: BlobStore, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new FolderBlobStore(c.storage.blobDir) },
  ],
  exports: [RecordsService, RecordsRepository, BlobStore, RetentionService],
})
export class RecordsModule {}
