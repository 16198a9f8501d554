import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestDatabase, TestDatabase } from './support/databases';
import { bootIntegrationApp } from './support/integration-app';
import { bearer } from './support/review-app';

/**
 * Hostile JSON and YAML bodies to the endpoints that read documents or structured JSON (policies,
 * reviews, webhooks): each answer is a 4xx with a stable code, in bounded time, and the service
 * keeps answering. `npm run fuzz -- --target documents` generates many more of these.
 */

/** Ten anchors, each a list of ten aliases of the previous one: 10^10 nodes if expanded. */
function aliasBomb(): string {
  const lines = ['version: 1', 'name: default', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\npolicies: *a9\n';
}
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
// JSON bodies nested deeper than 64 levels stop at the body layer (400 invalid_json, src/common/json-shape.ts);
// DEEP is past the policy and field checks' own limits but within that bound, so those checks are reached.
const DEEP = 50;
const deepJsonPolicy = (depth: number) => `{"version":1,"name":"default","policies":${nested(depth)}}`;

describe('hostile documents (sqlite)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  const admin = bearer('policyAdmin');
  // Webhook URLs are judged by the addresses their names resolve to; nothing reaches real DNS.
  const resolver = { resolve: async () => [{ address: '93.184.216.34', family: 4 as const }] };

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await bootIntegrationApp(db, {}, resolver);
    http = app.getHttpServer();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const yaml = (path: string, text: string, method: 'post' | 'put' = 'post') => request(http)[method](path).set(admin).set('Content-Type', 'application/yaml').send(text);
  const json = (path: string, text: string, method: 'post' | 'put' = 'post', key = admin) => request(http)[method](path).set(key).set('Content-Type', 'application/json').send(text);
  const alive = async () => expect((await request(http).get('/health/live')).status).toBe(200);

  it('a YAML alias bomb is refused with 422 policy_invalid at the alias (validate and PUT)', async () => {
    for (const [path, method] of [['/v1/policies/validate', 'post'], ['/v1/policy-sets/default', 'put']] as const) {
      const r = await yaml(path, aliasBomb(), method);
      expect([r.status, r.body.code]).toEqual([422, 'policy_invalid']);
      expect(r.body.details.errors).toEqual([expect.objectContaining({ line: 4, message: expect.stringMatching(/alias/) })]);
    }
    // An alias without its anchor: the library throws while converting (found by the fuzzer).
    const unresolved = await yaml('/v1/policy-sets/default', 'version: 1\nname: default\npolicies: *nowhere\n', 'put');
    expect([unresolved.status, unresolved.body.code]).toEqual([422, 'policy_invalid']);
    expect(unresolved.body.details.errors[0]).toMatchObject({ line: 3, column: 11, message: expect.stringMatching(/Unresolved alias/) });
    await alive();
  });

  it('a deeply nested policy is refused with a 4xx (JSON body, JSON field, YAML text)', async () => {
    const started = Date.now();
    const bottomless = await json('/v1/policies/validate', deepJsonPolicy(200_000));
    expect([bottomless.status, bottomless.body.code]).toEqual([400, 'invalid_json']);
    const asJson = await json('/v1/policies/validate', deepJsonPolicy(DEEP));
    expect([asJson.status, asJson.body.code]).toEqual([422, 'policy_invalid']);
    expect(asJson.body.details.errors[0]).toMatchObject({ path: expect.stringMatching(/^policies(\[0\]){31}/), message: expect.stringMatching(/nested deeper than 32/) });
    const field = await json('/v1/policies/evaluate', `{"source":"verdicts","policy":${deepJsonPolicy(DEEP)}}`);
    expect([field.status, field.body.code]).toEqual([422, 'policy_invalid']);
    const put = await json('/v1/policy-sets/default', `{"policy":${deepJsonPolicy(DEEP)}}`, 'put');
    expect([put.status, put.body.code]).toEqual([422, 'policy_invalid']);
    // As YAML text (under the 2 MB body limit): positioned at the bracket past the limit.
    const asYaml = await yaml('/v1/policies/validate', `version: 1\nname: default\npolicies: ${nested(500_000)}\n`);
    expect([asYaml.status, asYaml.body.code]).toEqual([422, 'policy_invalid']);
    expect(asYaml.body.details.errors[0]).toMatchObject({ line: 3, column: 11 + 32 });
    expect(Date.now() - started).toBeLessThan(5000);
    await alive();
  });

  it('huge documents get 413 payload_too_large, and the check costs little', async () => {
    const over = await yaml('/v1/policies/validate', 'a: ' + 'x'.repeat(3 * 1024 * 1024));
    expect([over.status, over.body.code]).toEqual([413, 'payload_too_large']);
    // Under the byte limit but a million values: refused before the YAML parser sees it.
    const t0 = Date.now();
    const flat = await yaml('/v1/policies/validate', `version: 1\nname: default\npolicies:\n${'- 1\n'.repeat(400_000)}`);
    expect([flat.status, flat.body.code]).toEqual([413, 'payload_too_large']);
    expect(Date.now() - t0).toBeLessThan(2000);
    const wide = await yaml('/v1/policies/validate', `version: 1\nname: default\npolicies: [${'1, '.repeat(300_000)}1]\n`);
    expect([wide.status, wide.body.code]).toEqual([422, 'policy_invalid']);
    expect(wide.body.details.errors[0].message).toMatch(/one item per line/);
    const jsonWide = await json('/v1/policies/validate', JSON.stringify({ version: 1, name: 'default', policies: Array(60_000).fill(1) }));
    expect([jsonWide.status, jsonWide.body.code]).toEqual([413, 'payload_too_large']);
    await alive();
  });

  it('wrong types get 400 or 422 with a stable code', async () => {
    for (const body of ['[]', 'null', '42', '"version: 1"', '{"policy": 42}', '{"policy": null}', '{"policy": true}', '{"other": {}}']) {
      const r = await json('/v1/policies/validate', body);
      expect([body, r.status, r.body.code]).toEqual([body, 400, 'bad_request']);
    }
    const v = (await json('/v1/policies/validate', '{"version": [1], "name": {"a": 1}, "policies": {"a": null}}').expect(200)).body;
    expect(v.valid).toBe(false);
    expect(v.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['version', 'name', 'policies']));
    expect((await json('/v1/policy-sets/default', '{"version": 1, "name": "default", "policies": [null, 3, "x"]}', 'put')).status).toBe(422);
    // Number() and String() of a nested array recurse through toString(): these were 500s.
    const deepArray = nested(DEEP);
    const activate = await json('/v1/policy-sets/default/activate', `{"version": ${deepArray}}`);
    expect([activate.status, activate.body.code]).toEqual([400, 'invalid_parameter']);
    const target = await json('/v1/policies/evaluate', `{"source": "verdicts", "target_precision": ${deepArray}}`);
    expect([target.status, target.body.code]).toEqual([400, 'invalid_parameter']);
    const limit = await json('/v1/policies/evaluate', `{"source": "verdicts", "limit": ${deepArray}}`);
    expect([limit.status, limit.body.code]).toEqual([400, 'invalid_parameter']);
    const from = await json('/v1/policies/evaluate', `{"source": "verdicts", "from": ${deepArray}}`);
    expect([from.status, from.body.code]).toEqual([400, 'invalid_parameter']);
    await alive();
  });

  it('webhooks: a forged cursor or a nested overlap_ms is 400 invalid_parameter, not a 500', async () => {
    const hook = (await request(http).post('/v1/webhooks').set(bearer('admin')).send({ url: 'https://hooks.example.com/in' }).expect(201)).body;
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const forged of [null, 5, 'x', [], { created_at: {}, id: 'x' }, { created_at: 1, id: [1] }, { created_at: 1 }]) {
      const r = await request(http).get(`/v1/webhooks/${hook.id}/deliveries?before=${cursor(forged)}`).set(bearer('admin'));
      expect([JSON.stringify(forged), r.status, r.body.code]).toEqual([JSON.stringify(forged), 400, 'invalid_parameter']);
    }
    const good = await request(http).get(`/v1/webhooks/${hook.id}/deliveries?before=${cursor({ created_at: Date.now(), id: 'z' })}`).set(bearer('admin'));
    expect(good.status).toBe(200);
    const rotate = await json(`/v1/webhooks/${hook.id}/secret/rotate`, `{"overlap_ms": ${nested(DEEP)}}`, 'post', bearer('admin'));
    expect([rotate.status, rotate.body.code]).toEqual([400, 'invalid_parameter']);
    for (const body of [`{"url": ${nested(DEEP)}}`, '{"url": 5}', '{"events": {"a": 1}, "url": "https://hooks.example.com/x"}']) {
      const r = await json('/v1/webhooks', body, 'post', bearer('admin'));
      expect([r.status, r.body.code]).toEqual([400, 'invalid_parameter']);
    }
    // Valid JSON that is not an object: the one code of every JSON route (docs/api-errors.md), whatever the value.
    for (const body of ['[]', 'null', '42', '"x"']) {
      const r = await json('/v1/webhooks', body, 'post', bearer('admin'));
      expect([body, r.status, r.body.code]).toEqual([body, 400, 'bad_request']);
    }
    await alive();
  });

  it('reviews: nested and mistyped JSON bodies are 400 invalid_parameter', async () => {
    const mod = bearer('modA');
    for (const body of [`{"status": ${nested(DEEP)}}`, '{"min_score": {"a": 1}}', '{"order": [1]}']) {
      const r = await json('/v1/reviews/next', body, 'post', mod);
      expect([body.slice(0, 20), r.status, r.body.code]).toEqual([body.slice(0, 20), 400, 'invalid_parameter']);
    }
    for (const body of [`{"verdict": ${nested(DEEP)}}`, '{"verdict": "uphold", "policies": [[1]]}', '{"verdict": "uphold", "note": {}}']) {
      const r = await json('/v1/reviews/00000000-0000-0000-0000-000000000000/decision', body, 'post', mod);
      expect([body.slice(0, 20), r.status, r.body.code]).toEqual([body.slice(0, 20), 400, 'invalid_parameter']);
    }
    const appeal = await json('/v1/moderations/x/appeals', `{"reason": ${nested(DEEP)}}`, 'post', bearer('ingest'));
    expect([appeal.status, appeal.body.code]).toEqual([400, 'invalid_parameter']);
    await alive();
  });
});
