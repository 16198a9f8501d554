import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ClipService } from './clip/clip.service';
import { EngineModule } from './engine/engine.module';
import { MetricsService } from './metrics/metrics.service';
import { PoliciesModule } from './policies/policies.module';
import { PolicyRegistry } from './policies/policy-registry.service';

/** Connects engine and policy events to metrics, keeping clip/ and policies/ free of prom-client. */
class Observability implements OnApplicationBootstrap {
  constructor(
    @Inject(ClipService) private readonly clip: ClipService,
    @Inject(PolicyRegistry) private readonly registry: PolicyRegistry,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  // After every onModuleInit: the model is loaded and the first policy set compiled.
  onApplicationBootstrap(): void {
    const m = this.metrics;
    this.clip.onBatch = (size, ms) => {
      m.batchSize.observe(size);
      m.inferenceDuration.observe(ms / 1000);
    };
    m.modelLoad.set({ model: this.clip.model.id }, this.clip.model.loadMs / 1000);
    m.registerProbe('queueDepth', () => this.clip.stats().queueDepth);
    const setInfo = () => {
      m.policyInfo.reset();
      const s = this.registry.current();
      m.policyInfo.set({ name: s.name, version: s.version }, 1);
    };
    setInfo();
    this.registry.onReload((event) => {
      if (event.ok) {
        m.policyReloads.inc();
        setInfo();
      } else m.policyReloadErrors.inc();
    });
  }
}

/**
 * Engine and policy metrics (Observability), imported by AppModule only. Not global: the modules that
 * use ClipService import EngineModule (src/engine) and those that use PolicyRegistry import
 * PoliciesModule, so the module map shows them; both are single instances however often imported.
 */
@Module({
  imports: [EngineModule, PoliciesModule],
  providers: [Observability],
})
export class CoreModule {}
