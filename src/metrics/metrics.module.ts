import { Global, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * Prometheus instruments and GET /metrics. Global on purpose: it is infrastructure that nearly every
 * module records into (like config, storage and logging), and importing it everywhere would add an arrow
 * to every module in the map without telling anything. The registry is also provided under prom-client's
 * `Registry` class so that lower layers (src/common's admission control) can register instruments
 * without importing src/metrics.
 */
@Global()
@Module({
  providers: [MetricsService, { provide: Registry, inject: [MetricsService], useFactory: (m: MetricsService) => m.registry }],
  controllers: [MetricsController],
  exports: [MetricsService, Registry],
})
export class MetricsModule {}
