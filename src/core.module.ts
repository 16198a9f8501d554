import { Global, Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ClipModule } from './clip/clip.module';
import { ClipService } from './clip/clip.service';
import { APP_CONFIG, AppConfig } from './config/configuration';
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
    m.queueDepthProbe = () => this.clip.stats().queueDepth;
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
 * The engine and the policy registry, configured once from the validated config and shared by every
 * feature module (the model is loaded once per process).
 */
@Global()
@Module({
  imports: [
    // Global so PoliciesModule (prompt embedding) sees the same engine instance.
    {
      ...ClipModule.forRootAsync({
        inject: [APP_CONFIG],
        useFactory: (c: AppConfig) => ({ ...c.clip, limitInputPixels: c.media.maxPixels }),
      }),
      global: true,
    },
    PoliciesModule,
  ],
  providers: [Observability],
  exports: [ClipModule, PoliciesModule],
})
export class CoreModule {}
