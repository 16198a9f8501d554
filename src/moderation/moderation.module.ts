import { Module } from '@nestjs/common';
import { BanksModule } from '../banks/banks.module';
import { CoreModule } from '../core.module';
import { MediaModule } from '../media/media.module';
import { RecordsModule } from '../records/records.module';
import { ModerationService } from './moderation.service';

/**
 * One image → one decision: decode, bank match, embed, score, decide, record. No HTTP here: the
 * routes that take images are in ModerationApiModule, which sits above JobsModule (jobs imports this
 * module to run queued requests), so the module graph has no cycle.
 */
@Module({
  imports: [CoreModule, MediaModule, BanksModule, RecordsModule],
  providers: [ModerationService],
  exports: [ModerationService],
})
export class ModerationModule {}
