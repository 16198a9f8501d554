import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { ReadinessIndicators } from './readiness.indicators';

/**
 * /health/live and /health/ready (@nestjs/terminus). What the checks probe comes from global
 * modules: Storage, BlobStore, ClipService, PolicyRegistry, AdmissionControl. Terminus logs
 * nothing itself: a failing probe shows as its 503 access line.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [ReadinessIndicators],
})
export class HealthModule {}
