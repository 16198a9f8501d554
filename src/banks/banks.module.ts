import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EngineModule } from '../engine/engine.module';
import { MediaModule } from '../media/media.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { RecordsModule } from '../records/records.module';
import { BankMatcher } from './bank-matcher.service';
import { BanksController } from './banks.controller';
import { BanksRepository } from './banks.repository';
import { BanksService } from './banks.service';
import { RecordsByHashController } from './records-by-hash.controller';
import { StorageModule } from '../storage/storage.module';

/** Hash banks: the API, the in-memory index every instance keeps in step with the database, and matching at intake. */
@Module({
  imports: [StorageModule, EngineModule, MediaModule, AuditModule, WebhooksModule, RecordsModule],
  providers: [BanksRepository, BankMatcher, BanksService],
  controllers: [BanksController, RecordsByHashController],
  exports: [BankMatcher, BanksService],
})
export class BanksModule {}
