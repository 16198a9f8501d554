import { INestApplication } from '@nestjs/common';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import request from 'supertest';
import { bootApp, FIXTURES } from './helpers/app';
import { bearer, KEYS } from './support/review-app';

const DAGGER = fs.readFileSync(path.join(FIXTURES, 'samples', 'weapons', 'dagger.png'));

const ENFORCED = `version: 1
name: default
description: two softmax policies
defaults:
  scoring: softmax
  severity: high
  templates: ["an emoji of {}", "{}"]
policies:
  - id: weapons
    description: Knives and swords
    prompts: [a dagger, a kitchen knife, crossed swords]
    thresholds: { flag: 0.3, block: 0.5 }
  - id: alcohol
    description: Alcoholic drinks
    prompts: [alcohol, a beer mug, a wine glass]
    thresholds: { flag: 0.5 }
`;

const WITH_SHADOW = `${ENFORCED}  - id: blades-trial
    description: Trial of a wider blades policy
    mode: shadow
    prompts: [a dagger, a sword, a knife]
    thresholds: { flag: 0.3, block: 0.5 }
`;

// The reproduction of issue 15 item 2 with the real demo model: the shadow policy's prompts are
// close to the enforced weapons prompts, so as softmax candidates they took most of its probability.
describe('a shadow policy never changes an enforced decision (demo model, softmax scoring)', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let policiesDir: string;

  beforeAll(async () => {
    policiesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-shadow-'));
    fs.writeFileSync(path.join(policiesDir, 'default.yaml'), ENFORCED);
    app = await bootApp((c) => ({ ...c, auth: { keys: Object.values(KEYS) }, policies: { ...c.policies, dir: policiesDir } }));
    http = app.getHttpServer();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(policiesDir, { recursive: true, force: true });
  });

  const put = (text: string) =>
    request(http).put('/v1/policy-sets/default').set(bearer('policyAdmin')).set('Content-Type', 'application/yaml').send(text).expect(200);
  const moderate = async () =>
    (await request(http).post('/v1/moderations').set(bearer('ingest')).set('Content-Type', 'image/png').send(DAGGER).expect(200)).body;

  it('the dagger emoji is blocked with and without the shadow policy, with the same enforced score', async () => {
    await put(ENFORCED.replace('two softmax policies', 'two softmax policies, via the API'));
    const before = await moderate();
    expect(before.decision).toBe('block');
    const weapons = before.policies.find((p: any) => p.policy_id === 'weapons');
    expect(weapons.score).toBeGreaterThan(0.5);

    await put(WITH_SHADOW);
    const after = await moderate();
    expect(after.policy_set.version).not.toBe(before.policy_set.version);
    expect(after.decision).toBe('block');
    expect(after.policies).toEqual(before.policies);
    // The shadow policy is still scored and reported (it would block too, on its own).
    expect(after.shadow).toEqual([expect.objectContaining({ policy_id: 'blades-trial', mode: 'shadow' })]);
  });
});
