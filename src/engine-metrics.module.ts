import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ClipService } from './clip/clip.service';
import { Events } from './common/events';
import { EngineModule } from './engine/engine.module';
import { MetricsService } from './metrics/metrics.service';
import { PoliciesModule } from './policies/policies.module';
import { PolicyRegistry, type ReloadEvent } from './policies/policy-registry.service';
import { MetricsModule } from './metrics/metrics.module';

/** Connects engine and policy events to metrics, keeping clip/ and policies/ free of prom-client. */
class EngineMetrics implements OnApplicationBootstrap {
  constructor(
    @Inject(ClipService) private readonly clip: ClipService,
    @Inject(PolicyRegistry) private readonly registry: PolicyRegistry,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  // After every onModuleInit: the model is loaded and the first policy set compiled (the start-up
  // load sends no Events.policiesReloaded: its info is set here).
  onApplicationBootstrap(): void {
    const m = this.metrics;
    this.clip.onBatch = (size, ms) => {
      m.batchSize.observe(size);
      m.inferenceDuration.observe(ms / 1000);
    };
    m.modelLoad.set({ model: this.clip.model.id }, this.clip.model.loadMs / 1000);
    m.registerProbe('queueDepth', () => this.clip.stats().queueDepth);
    this.setPolicyInfo();
  }

  @OnEvent(Events.policiesReloaded)
  policiesReloaded(event: ReloadEvent): void {
    if (event.ok) {
      this.metrics.policyReloads.inc();
      this.setPolicyInfo();
    } else this.metrics.policyReloadErrors.inc();
  }

  private setPolicyInfo(): void {
    const s = this.registry.current();
    this.metrics.policyInfo.reset();
    this.metrics.policyInfo.set({ name: s.name, version: s.version }, 1);
  }
}

/**
 * Engine and policy metrics (EngineMetrics), imported by AppModule only. Not global: the modules that
 * use ClipService import EngineModule (src/engine) and those that use PolicyRegistry import
 * PoliciesModule, so the module map shows them; both are single instances however often imported.
 */
@Module({
  imports: [MetricsModule, EngineModule, PoliciesModule],
  providers: [EngineMetrics],
})
export class EngineMetricsModule {}
