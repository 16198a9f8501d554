import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import * as fs from 'fs';
import * as path from 'path';
import { AppModule } from '../../src/app.module';
import { configureHttp } from '../../src/common/http-setup';
import { APP_CONFIG, AppConfig } from '../../src/config/configuration';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');
export const image = (name: string) => fs.readFileSync(path.join(FIXTURES, 'images', name));

/** Boots the real AppModule (real demo model, real policies, real HTTP stack) with config overrides. */
export async function bootApp(overrides: (c: AppConfig) => AppConfig = (c) => c): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.create((c) => overrides({ ...c, policies: { ...c.policies, watch: false } }))],
  }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error'] });
  configureHttp(app, app.get<AppConfig>(APP_CONFIG).media.maxBytes);
  await app.init();
  return app;
}
