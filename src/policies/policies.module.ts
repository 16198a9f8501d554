import { Module } from '@nestjs/common';
import { ClipService } from '../clip/clip.service';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { PolicyFileSource } from './policy-file-source';
import { PolicyRegistry } from './policy-registry.service';
import { POLICIES_OPTIONS, POLICY_EMBEDDER } from './policy.types';

/**
 * Policy sets: loading, validation, compilation, hot reload. Exports the registry only.
 * Needs ClipService visible in its scope (the app provides ClipModule globally) and the
 * global APP_CONFIG; tests can override POLICIES_OPTIONS / POLICY_EMBEDDER.
 */
@Module({
  providers: [
    PolicyFileSource,
    PolicyRegistry,
    { provide: POLICIES_OPTIONS, inject: [APP_CONFIG], useFactory: (c: AppConfig) => c.policies },
    { provide: POLICY_EMBEDDER, useExisting: ClipService },
  ],
  exports: [PolicyRegistry],
})
export class PoliciesModule {}
