import { Module } from '@nestjs/common';
import { ReliabilityModule } from '../common/reliability.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * Prometheus instruments and GET /metrics. Not global: the modules that record into MetricsService
 * import this module. Numbers owned by lower layers are read at scrape time instead of being pushed
 * here: admission control's counts (ReliabilityModule) directly, the others through registerProbe.
 */
@Module({
  imports: [ReliabilityModule],
  providers: [MetricsService],
  controllers: [MetricsController],
  exports: [MetricsService],
})
export class MetricsModule {}
