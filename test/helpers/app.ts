import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppModule } from '../../src/app.module';
import { configureHttp } from '../../src/http-setup';
import { AppConfig } from '../../src/config/configuration';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');
export const image = (name: string) => fs.readFileSync(path.join(FIXTURES, 'images', name));

/**
 * Each app gets its own fresh data folder (SQLite file, blobs, policy versions), so suites never share
 * state through ./data and two processes never migrate one SQLite file at the same moment.
 */
function isolated(c: AppConfig): AppConfig {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-test-'));
  return {
    ...c,
    storage: { ...c.storage, dataDir, blobDir: path.join(dataDir, 'blobs'), databaseUrl: null },
    policies: { ...c.policies, watch: false, versionsFile: path.join(dataDir, 'policy-versions.jsonl') },
    // Quiet like Nest's logger below: no access lines in the test output.
    logging: { ...c.logging, level: 'error' },
  };
}

/** Boots the real AppModule (real demo model, real policies, real HTTP stack) with config overrides. */
export async function bootApp(overrides: (c: AppConfig) => AppConfig = (c) => c): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.create((c) => overrides(isolated(c)))],
  }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error'] });
  configureHttp(app);
  await app.init();
  return app;
}
