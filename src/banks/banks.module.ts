import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { BankEvents } from './bank-events';
import { BankMatcher } from './bank-matcher.service';
import { BanksController } from './banks.controller';
import { BanksRepository } from './banks.repository';
import { BanksService } from './banks.service';
import { RecordsByHashController } from './records-by-hash.controller';

/** Hash banks: the API, the in-memory index every instance keeps in step with the database, and matching at intake. */
@Module({
  imports: [MediaModule],
  providers: [BanksRepository, BankMatcher, BanksService, BankEvents],
  controllers: [BanksController, RecordsByHashController],
  exports: [BankMatcher, BanksService],
})
export class BanksModule {}
