import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { configureHttp } from '../../src/http-setup';
import type { AppConfig } from '../../src/config/configuration';
import type { JobsAndWebhooksConfig } from '../../src/config/jobs-and-webhooks';
import { HostResolver } from '../../src/fetch/resolver';
import type { TestDatabase } from './databases';
import * as path from 'path';
import { FIXTURES } from '../helpers/app';
import { KEYS } from './review-app';

/** Policies whose decision is chosen by `?policies=`: flagger, blurrer, blocker, never. */
export const INTEGRATION_POLICIES = path.join(FIXTURES, 'integration-policies');

/** Partial settings of the jobs, webhooks, fetch, idempotency, batch and retention namespaces. */
export type IntegrationOverrides = { [K in keyof JobsAndWebhooksConfig]?: Partial<JobsAndWebhooksConfig[K]> };

/** Millisecond-scale schedules so retries, leases and polling fit in a test; loopback allowlisted for the test servers. */
export const FAST: IntegrationOverrides = {
  jobs: { pollMs: 30, leaseMs: 1000, retryBaseMs: 20 },
  webhooks: { pollMs: 30, timeoutMs: 1000, retryBaseMs: 50, retryMaxDelayMs: 400, retryMaxAgeMs: 60_000 },
  fetch: { allowCidrs: ['127.0.0.1/32'] },
};

/** `base` with each namespace of each override merged over it, field by field. */
export function mergeIntegration(base: AppConfig, ...over: IntegrationOverrides[]): AppConfig {
  const out: Record<string, unknown> = { ...base };
  for (const o of over) for (const [k, v] of Object.entries(o)) out[k] = { ...(out[k] as object), ...v };
  return out as unknown as AppConfig;
}

/** The real AppModule on a test database, with the review-test keys and policies and fast integration settings. */
export async function bootIntegrationApp(db: TestDatabase, over: IntegrationOverrides = {}, resolver?: Pick<HostResolver, 'resolve'>): Promise<INestApplication> {
  let builder = Test.createTestingModule({
    imports: [
      AppModule.create((c) => ({
        ...mergeIntegration(db.storage()(c), FAST, over),
        auth: { keys: Object.values(KEYS) },
        policies: { ...c.policies, dir: INTEGRATION_POLICIES, watch: false },
        logging: { ...c.logging, level: 'error' },
      })),
    ],
  });
  if (resolver) builder = builder.overrideProvider(HostResolver).useValue(resolver);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error'] });
  configureHttp(app);
  await app.init();
  return app;
}
