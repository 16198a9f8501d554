import { Module } from '@nestjs/common';
import { BanksModule } from '../banks/banks.module';
import { EngineModule } from '../engine/engine.module';
import { MediaModule } from '../media/media.module';
import { PoliciesModule } from '../policies/policies.module';
import { ModerationService } from './moderation.service';
import { MetricsModule } from '../metrics/metrics.module';

/**
 * One image → one decision: decode, bank match, embed, score, decide, then the caller's commit
 * (ModerationCommit in src/jobs: moderation injects nothing that writes). No HTTP here: the
 * routes that take images are in src/intake, which sits above JobsModule (jobs imports this module
 * to run queued requests), so the module graph has no cycle.
 */
@Module({
  imports: [MetricsModule, EngineModule, PoliciesModule, MediaModule, BanksModule],
  providers: [ModerationService],
  exports: [ModerationService],
})
export class ModerationModule {}
