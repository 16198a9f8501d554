import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ReliabilityModule } from '../common/reliability.module';
import { EngineModule } from '../engine/engine.module';
import { PoliciesModule } from '../policies/policies.module';
import { RecordsModule } from '../records/records.module';
import { HealthController } from './health.controller';
import { ReadinessIndicators } from './readiness.indicators';
import { StorageModule } from '../storage/storage.module';

/**
 * /health/live and /health/ready (@nestjs/terminus). The checks probe Storage (global), BlobStore
 * (records), ClipService (engine), PolicyRegistry (policies) and AdmissionControl (reliability). Terminus logs
 * nothing itself: a failing probe shows as its 503 access line.
 */
@Module({
  imports: [StorageModule, TerminusModule.forRoot({ logger: false }), EngineModule, PoliciesModule, RecordsModule, ReliabilityModule],
  controllers: [HealthController],
  providers: [ReadinessIndicators],
})
export class HealthModule {}
