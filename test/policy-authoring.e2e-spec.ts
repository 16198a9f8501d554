import { INestApplication } from '@nestjs/common';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import request from 'supertest';
import { parse, stringify } from 'yaml';
import { sql } from 'kysely';
import { MetricsService } from '../src/metrics/metrics.service';
import { PolicyRegistry } from '../src/policies/policy-registry.service';
import { Storage } from '../src/storage/storage';
import { writeTar } from './support/tar-writer';
import { bootApp, FIXTURES, image } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { bearer, KEYS } from './support/review-app';

// A frozen copy of an earlier shipped set: these tests edit it by text and position, so they must not
// move when the shipped thresholds are retuned.
const DEFAULT_YAML = fs.readFileSync(path.join(FIXTURES, 'policies', 'authoring-default.yaml'), 'utf8');
const SAMPLES = path.join(FIXTURES, 'samples');
const PISTOL = image('twemoji-pistol.png');
const DOG = image('twemoji-dog-face.png');

/** default.yaml with `edit` applied to its parsed form (comments are lost; that is fine for drafts). */
function draft(edit: (doc: any) => void): string {
  const doc = parse(DEFAULT_YAML);
  edit(doc);
  return stringify(doc);
}
const policyOf = (doc: any, id: string) => doc.policies.find((p: any) => p.id === id);

function samplesTar(): Buffer {
  const entries: { path: string; data: Buffer }[] = [];
  for (const label of fs.readdirSync(SAMPLES)) {
    const dir = path.join(SAMPLES, label);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir)) entries.push({ path: `samples/${label}/${f}`, data: fs.readFileSync(path.join(dir, f)) });
  }
  entries.push({ path: 'samples/README.md', data: Buffer.from('not an image') });
  return writeTar(entries);
}

const countImages = (label: string) => fs.readdirSync(path.join(SAMPLES, label)).filter((f) => f.endsWith('.png')).length;

describe.each(databaseKinds())('policy authoring API on %s (demo model, real labelled Twemoji)', (kind) => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let policiesDir: string;
  const admin = bearer('policyAdmin');

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    policiesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-policies-'));
    fs.writeFileSync(path.join(policiesDir, 'default.yaml'), DEFAULT_YAML);
    fs.mkdirSync(path.join(policiesDir, 'examples'));
    fs.copyFileSync(path.join(FIXTURES, 'images', 'twemoji-pistol.png'), path.join(policiesDir, 'examples', 'pistol.png'));
    app = await bootApp((c) => ({ ...db.storage()(c), auth: { keys: Object.values(KEYS) }, policies: { ...c.policies, dir: policiesDir, versions: 'db' } }));
    http = app.getHttpServer();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    fs.rmSync(policiesDir, { recursive: true, force: true });
  });

  const put = (name: string, text: string, query = '') => request(http).put(`/v1/policy-sets/${name}${query}`).set(admin).set('Content-Type', 'application/yaml').send(text);
  const active = async () => (await request(http).get('/v1/policies').set(admin).expect(200)).body;

  it('imports the bootstrap file as version 1 and serves it; only policy-admin (or admin) may read it', async () => {
    const r = (await request(http).get('/v1/policy-sets/default').set(admin).expect(200)).body;
    expect(r).toMatchObject({ name: 'default', version: 1, active: true, source: 'file', file: 'default.yaml', author: 'file:default.yaml', text: DEFAULT_YAML });
    expect(r.policy_set.version).toBe((await active()).version);
    const raw = await request(http).get('/v1/policy-sets/default').set(admin).set('Accept', 'application/yaml').expect(200);
    expect(raw.headers['content-type']).toMatch(/^application\/yaml/);
    expect(raw.headers['x-policy-version']).toBe('1');
    expect(raw.text).toBe(DEFAULT_YAML);
    await request(http).get('/v1/policy-sets/default').set(bearer('ingest')).expect(403);
    await request(http).get('/v1/policy-sets/default').set(bearer('admin')).expect(200);
    await request(http).get('/v1/policy-sets/default').expect(401);
    expect((await request(http).get('/v1/policy-sets/nope').set(admin).expect(404)).body.code).toBe('not_found');
  });

  it('validate: positioned errors and the embedding-level warnings, without changing anything', async () => {
    const before = (await active()).version;
    const bad = DEFAULT_YAML.replace('      flag: 0.4\n      blur: 0.6\n      block: 0.8', '      flag: 0.4\n      blur: 0.3\n      block: 0.8');
    const r = (await request(http).post('/v1/policies/validate').set(admin).set('Content-Type', 'application/yaml').send(bad).expect(200)).body;
    expect(r.valid).toBe(false);
    const line = bad.split('\n').findIndex((l) => l === '      blur: 0.3') + 1;
    expect(r.errors).toEqual([expect.objectContaining({ file: 'default.yaml', line, column: 13, path: 'policies[0].thresholds.blur', message: expect.stringMatching(/out of order/) })]);

    // Same prompt in two policies: cosine 1 for any model, above POLICIES_SIMILARITY_WARN.
    const confusable = draft((d) => {
      policyOf(d, 'drugs').prompts.push('a gun');
      policyOf(d, 'weapons').prompts.push('a gun', 'A  gun');
      policyOf(d, 'weapons').prompts.push('an emoji of ' + 'a very long and detailed description of a weapon '.repeat(8));
    });
    const w = (await request(http).post('/v1/policies/validate').set(admin).send({ policy: confusable }).expect(200)).body;
    expect(w.valid).toBe(true);
    const messages = w.warnings.map((x: any) => `${x.path}: ${x.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^policies\[0\]\.prompts\[10\]: duplicate prompt "A  gun"/),
      expect.stringMatching(/very close to "a gun" \(weapons\): cosine 1\.000 > 0\.9/),
      expect.stringMatching(/longer than the text encoder's context and was truncated/),
    ]));
    expect(w.warnings.every((x: any) => x.line > 0 && x.column > 0)).toBe(true);
    expect((await active()).version).toBe(before);
  });

  let v2Version = '';
  it('PUT stores an immutable version with author, comment and diff, activates it, and decisions name it', async () => {
    const text = DEFAULT_YAML.replace('    thresholds: # tuned: placeholder\n      flag: 0.5\n\n  - id: tobacco', '    thresholds: # tuned: placeholder\n      flag: 0.45\n\n  - id: tobacco');
    expect(text).not.toBe(DEFAULT_YAML);
    const r = (await put('default', text, '?comment=alcohol%20flag%200.45').expect(200)).body;
    expect(r).toMatchObject({ created: true, activated: true, version: 2, active: true, source: 'api', author: 'policy-admin', comment: 'alcohol flag 0.45' });
    expect(r.diff).toContain('-      flag: 0.5\n+      flag: 0.45\n');
    const now = await active();
    expect(now.version).toBe(r.policy_set.version);
    expect(now.policies.find((p: any) => p.id === 'alcohol').thresholds).toEqual({ flag: 0.45 });
    const m = (await request(http).post('/v1/moderations').set(bearer('ingest')).set('Content-Type', 'image/png').send(DOG).expect(200)).body;
    expect(m.policy_set.version).toBe(now.version);
    v2Version = now.version;
    // The same text again stores nothing.
    expect((await put('default', text).expect(200)).body).toMatchObject({ created: false, activated: false, version: 2 });
  });

  it('PUT rejects an invalid set (positions), a name mismatch, and a duplicate id across documents, storing nothing', async () => {
    const bad = (await put('default', DEFAULT_YAML.replace('  - id: drugs', '  - id: Drugs')).expect(422)).body;
    expect(bad).toMatchObject({ code: 'policy_invalid' });
    expect(bad.details.errors[0]).toMatchObject({ path: 'policies[1].id', message: expect.stringMatching(/slug/) });
    expect(bad.details.errors[0].line).toBeGreaterThan(1);
    expect((await put('other', DEFAULT_YAML).expect(400)).body).toMatchObject({ code: 'invalid_parameter' });
    const clash = 'version: 1\nname: extra\npolicies:\n  - id: weapons\n    description: again\n    prompts: [a gun]\n    scoring: similarity\n    severity: low\n    thresholds: { flag: 0.3 }\n';
    expect((await put('extra', clash).expect(422)).body.details.errors[0].message).toMatch(/duplicate policy id "weapons"/);
    const versions = (await request(http).get('/v1/policy-sets/default/versions').set(admin).expect(200)).body;
    expect(versions.versions.map((v: any) => v.version)).toEqual([2, 1]);
    expect(versions.active_version).toBe(2);
    await request(http).get('/v1/policy-sets/extra/versions').set(admin).expect(404);
  });

  it('activate is rollback: version 1 is served again, and every change is in the audit log', async () => {
    const r = (await request(http).post('/v1/policy-sets/default/activate').set(admin).send({ version: 1, comment: 'roll back' }).expect(200)).body;
    expect(r).toMatchObject({ activated: true, version: 1, active: true });
    const now = await active();
    expect(now.policies.find((p: any) => p.id === 'alcohol').thresholds).toEqual({ flag: 0.5 });
    expect(now.version).not.toBe(v2Version);
    expect((await request(http).post('/v1/policy-sets/default/activate').set(admin).send({ version: 9 }).expect(404)).body.code).toBe('not_found');
    expect((await request(http).post('/v1/policy-sets/default/activate').set(admin).send({}).expect(400)).body.code).toBe('invalid_parameter');
    const audit = (await request(http).get('/v1/audit?entity_type=policy_set&limit=100').set(bearer('admin')).expect(200)).body.items;
    const mine = audit.filter((e: any) => e.actor === 'policy-admin').map((e: any) => [e.action, e.after?.version]);
    expect(mine).toEqual(expect.arrayContaining([
      ['policy_set.version_created', 2],
      ['policy_set.activated', 2],
      ['policy_set.activated', 1],
    ]));
    expect(audit.some((e: any) => e.action === 'policy_set.version_created' && e.actor === 'file:default.yaml')).toBe(true);
  });

  it('stored versions are immutable: the database refuses updates and deletes', async () => {
    const db = app.get(Storage).db;
    // Compare messages: under jest, better-sqlite3's errors may come from another realm (not instanceof Error).
    const failure = (q: { execute(d: typeof db): Promise<unknown> }) => q.execute(db).then(() => 'succeeded', (e: { message?: string }) => String(e?.message));
    expect(await failure(sql`UPDATE policy_versions SET text = 'x'`)).toMatch(/immutable/);
    expect(await failure(sql`DELETE FROM policy_versions`)).toMatch(/immutable/);
    expect((await request(http).get('/v1/policy-sets/default?version=1').set(admin).expect(200)).body.text).toBe(DEFAULT_YAML);
  });

  it('a changed bootstrap file wins over the API version on reload (it is imported as a new version)', async () => {
    const text = DEFAULT_YAML.replace('description: Demo moderation policies for emoji-style images', 'description: Edited on disk');
    fs.writeFileSync(path.join(policiesDir, 'default.yaml'), text);
    await app.get(PolicyRegistry).reloadStrict();
    const r = (await request(http).get('/v1/policy-sets/default').set(admin).expect(200)).body;
    expect(r).toMatchObject({ version: 3, source: 'file', active: true, comment: 'file changed', text });
    // An unchanged file on the next reload does not override an API activation.
    await request(http).post('/v1/policy-sets/default/activate').set(admin).send({ version: 2 }).expect(200);
    await app.get(PolicyRegistry).reloadStrict();
    expect((await request(http).get('/v1/policy-sets/default').set(admin).expect(200)).body.version).toBe(2);
    // Every reload is in the audit log (written by the policies module's audit binding).
    const reloads = (await request(http).get('/v1/audit?action=policy_set.reloaded&limit=1000').set(bearer('admin')).expect(200)).body.items;
    expect(reloads).toContainEqual(expect.objectContaining({ actor: 'system', entity_type: 'policy_set', entity_id: 'default', after: { version: expect.any(String), policies: expect.arrayContaining(['weapons']) } }));
    // And the metrics heard it (src/engine-metrics.module.ts): the exported set is the active one.
    const metrics = app.get(MetricsService);
    expect((await metrics.policyInfo.get()).values).toEqual([expect.objectContaining({ labels: { name: 'default', version: app.get(PolicyRegistry).current().version }, value: 1 })]);
    expect((await metrics.policyReloads.get()).values[0].value).toBeGreaterThanOrEqual(1);
  });

  it('preview: the draft decision beside the active one, per policy', async () => {
    const blockAll = draft((d) => (policyOf(d, 'weapons').thresholds = { block: 0 }));
    const r = (await request(http).post('/v1/policies/preview').set(admin).field('policy', blockAll).attach('image', PISTOL, 'pistol.png').expect(200)).body;
    expect(r.draft.decision).toBe('block');
    const w = r.policies.find((p: any) => p.policy_id === 'weapons');
    expect(w.draft).toMatchObject({ action: 'block', thresholds: { block: 0 } });
    // Only the thresholds changed, so the scores are the same under both sets.
    expect(w.draft.score).toBeCloseTo(w.active.score, 6);
    expect(w.changed).toBe(w.active.action !== 'block');
    expect(r.decision_changed).toBe(r.active.decision !== 'block');
    const live = (await request(http).post('/v1/moderations').set(bearer('ingest')).set('Content-Type', 'image/png').send(PISTOL).expect(200)).body;
    expect(r.active.decision).toBe(live.decision);
    expect(r.active.policy_set.version).toBe(live.policy_set.version);
    await request(http).post('/v1/policies/preview').set(admin).attach('image', PISTOL, 'pistol.png').expect(400);
    expect((await request(http).post('/v1/policies/preview').set(admin).field('policy', 'version: 1\nname: default\npolicies: []\n').attach('image', PISTOL, 'p.png').expect(422)).body.code).toBe('policy_invalid');
  });

  it('evaluate: an uploaded labelled archive, metrics consistent with the per-image outcomes; HTML draws the curves', async () => {
    const tar = samplesTar();
    const res = await request(http).post('/v1/policies/evaluate').set(admin).attach('samples', tar, 'samples.tar').field('target_precision', '0.8').expect(200);
    const r = res.body;
    expect(r).toMatchObject({ source: 'archive', skipped: ['samples/README.md'], samples: { total: 34 }, targets: { precision: 0.8, recall: 0.9 }, unknown_labels: [], failed: [] });
    expect(r.samples.by_label).toMatchObject({ none: countImages('none'), weapons: countImages('weapons') });
    for (const p of r.policies) {
      expect(p.positives).toBe(countImages(p.policy_id));
      for (const [level, c] of Object.entries<any>(p.at_thresholds)) {
        // Recount from the per-image outcomes: the metric is exactly what the engine decided.
        const t = p.thresholds[level];
        const tp = r.outcomes.filter((o: any) => o.label === p.policy_id && o.scores[p.policy_id].score >= t - 1e-6).length;
        expect(c.tp + c.fn).toBe(p.positives);
        expect(c.tp + c.fp + c.tn + c.fn).toBe(34);
        expect(c.tp).toBe(tp);
      }
      const recalls = p.curve.map((c: any) => c.recall);
      expect([...recalls].sort((a, b) => a - b)).toEqual(recalls);
      if (p.for_recall) expect(p.for_recall.recall).toBeGreaterThanOrEqual(0.9);
      if (p.positives >= 2) expect(p.calibration.fitted).toEqual({ a: expect.any(Number), b: expect.any(Number) });
      else expect(p.calibration.fitted).toBeNull();
    }
    const html = await request(http).post('/v1/policies/evaluate?format=html').set(admin).attach('samples', tar, 'samples.tar.gz').expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text.match(/<svg /g)!.length).toBe(2 * r.policies.length);
    expect(html.text).toContain('precision-recall');
    await request(http).post('/v1/policies/evaluate').set(admin).attach('samples', Buffer.from('not a tar'), 'x.tar').expect(400);
    await request(http).post('/v1/policies/evaluate').set(bearer('ingest')).attach('samples', tar, 'x.tar').expect(403);
  });

  it('calibrate fits Platt scaling on labelled samples and stores it as a new, not yet active, version', async () => {
    const stored = (await request(http).get('/v1/policy-sets/default/versions').set(admin).expect(200)).body.versions.length;
    const r = (await request(http).post('/v1/policy-sets/default/calibrate').set(admin).attach('samples', samplesTar(), 'samples.tar').field('policies', 'weapons,tobacco').expect(200)).body;
    expect(r).toMatchObject({ created: true, activated: false, version: stored + 1, active: false, comment: expect.stringContaining('calibration of weapons on 34 samples (archive)') });
    expect(r.calibration).toEqual([
      expect.objectContaining({ policy_id: 'weapons', positives: 5, fitted: { a: expect.any(Number), b: expect.any(Number) } }),
      expect.objectContaining({ policy_id: 'tobacco', positives: 1, fitted: null, note: expect.stringMatching(/at least 2 positive/) }),
    ]);
    // The stored text is the active one plus a calibration line for weapons, nothing else.
    const base = (await request(http).get('/v1/policy-sets/default').set(admin).expect(200)).body.text.split('\n');
    const next = (await request(http).get(`/v1/policy-sets/default?version=${r.version}`).set(admin).expect(200)).body.text.split('\n');
    expect(next.filter((l: string) => !base.includes(l))).toEqual([expect.stringMatching(/^    calibration: \{ method: platt, a: -?[\d.]+, b: -?[\d.]+, fitted: "\d{4}-\d\d-\d\d on 34 samples \(archive\), model emoji-clip-demo" \}$/)]);
    expect(next.length).toBe(base.length + 1);
    expect((await active()).policies.find((p: any) => p.id === 'weapons').calibration).toBeUndefined();
    await request(http).post('/v1/policy-sets/default/activate').set(admin).send({ version: r.version }).expect(200);
    const w = (await active()).policies.find((p: any) => p.id === 'weapons');
    expect(w.calibration).toEqual(r.calibration[0].fitted);
    const m = (await request(http).post('/v1/moderations?policies=weapons').set(bearer('ingest')).set('Content-Type', 'image/png').send(PISTOL).expect(200)).body;
    const { a, b } = w.calibration;
    expect(m.policies[0].score).toBeCloseTo(1 / (1 + Math.exp(-(a * m.policies[0].raw_score + b))), 5);
    expect((await request(http).post('/v1/policy-sets/default/calibrate').set(admin).send({ source: 'archive' }).expect(400)).body).toMatchObject({ code: 'invalid_parameter', details: { field: 'source' } });
    expect((await request(http).post('/v1/policy-sets/default/calibrate').set(admin).attach('samples', samplesTar(), 's.tar').field('policies', 'nope').expect(400)).body).toMatchObject({ code: 'invalid_parameter', details: { field: 'policies', errors: [{ field: 'policies', constraint: 'isPolicyOfDocument' }] } });
  });

  it('example-image policies match by image-to-image cosine (a file in the policy folder, or a stored moderation)', async () => {
    const live = (await request(http).post('/v1/moderations').set(bearer('ingest')).set('Content-Type', 'image/png').send(PISTOL).expect(200)).body;
    const doc = `version: 1\nname: lookalikes\npolicies:\n  - id: banned-pistol\n    description: this exact picture\n    severity: high\n    examples: [examples/pistol.png, "moderation:${live.id}"]\n    example_thresholds: { block: 0.99 }\n`;
    const v = (await request(http).post('/v1/policies/validate').set(admin).set('Content-Type', 'application/yaml').send(doc).expect(200)).body;
    expect(v).toMatchObject({ valid: true, errors: [] });
    const missing = (await request(http).post('/v1/policies/validate').set(admin).set('Content-Type', 'application/yaml').send(doc.replace('examples/pistol.png', 'examples/nope.png')).expect(200)).body;
    expect(missing.errors).toEqual([expect.objectContaining({ path: 'policies[0].examples[0]', line: 7, message: expect.stringMatching(/nope.png.*not found/) })]);
    await put('lookalikes', doc).expect(200);
    const m = (await request(http).post('/v1/moderations?policies=banned-pistol').set(bearer('ingest')).set('Content-Type', 'image/png').send(PISTOL).expect(200)).body;
    expect(m.decision).toBe('block');
    expect(m.reasons[0]).toMatch(/^banned-pistol: example similarity (1|0\.99\d*) >= block 0.99 \(matched example/);
    expect(m.policies[0].score).toBeGreaterThan(0.999);
  });

  it('PUT accepts a JSON document; GET /v1/policy-sets lists the documents and what is served', async () => {
    const json = { version: 1, name: 'json-doc', policies: [{ id: 'json-policy', description: 'from JSON', prompts: ['a hat'], scoring: 'similarity', severity: 'low', thresholds: { flag: 0.99 } }] };
    const r = (await request(http).put('/v1/policy-sets/json-doc').set(admin).send(json).expect(200)).body;
    expect(r).toMatchObject({ created: true, activated: true, version: 1, file: 'json-doc.yaml' });
    expect((await active()).policies.map((p: any) => p.id)).toContain('json-policy');
    const list = (await request(http).get('/v1/policy-sets').set(admin).expect(200)).body.items;
    expect(list.map((i: any) => [i.name, i.source, i.served])).toEqual(expect.arrayContaining([['default', 'api', true], ['json-doc', 'api', true], ['lookalikes', 'api', true]]));
  });

  it('shadow mode: scored and recorded but never decides; stats compare it with the enforced set', async () => {
    const shadow = draft((d) => {
      const w = policyOf(d, 'weapons');
      w.mode = 'shadow';
      w.thresholds = { flag: 0 };
    });
    await put('default', shadow, '?comment=weapons%20in%20shadow').expect(200);
    const m = (await request(http).post('/v1/moderations').set(bearer('ingest')).set('Content-Type', 'image/png').send(DOG).expect(200)).body;
    expect(m.policies.map((p: any) => p.policy_id)).not.toContain('weapons');
    expect(m.shadow).toEqual([expect.objectContaining({ policy_id: 'weapons', action: 'flag', mode: 'shadow' })]);
    const s = (await request(http).get('/v1/policies/shadow-stats').set(admin).expect(200)).body;
    const w = s.policies.find((p: any) => p.policy_id === 'weapons');
    expect(w.scored).toBeGreaterThanOrEqual(1);
    expect(w.would_have.flag).toBe(w.scored); // flag at 0: it would act on everything it saw
    expect(w.new_actions + w.overlap).toBe(w.would_have_acted);
    expect(s.truncated).toBe(false);
    const only = (await request(http).get(`/v1/policies/shadow-stats?policy_set_version=${m.policy_set.version}`).set(admin).expect(200)).body;
    expect(only.records).toBe(1); // the one moderation decided by this set version
    expect(only.policies.find((p: any) => p.policy_id === 'weapons')).toMatchObject({ scored: 1, would_have_acted: 1 });
    expect((await request(http).get('/v1/policies/shadow-stats?from=yesterday').set(admin).expect(400)).body.code).toBe('invalid_parameter');
  });

  it('versions: a PUT of any stored text reactivates it; no-op PUTs name the served set; diffs are against the active version; activation comments are kept', async () => {
    const versions = async () => (await request(http).get('/v1/policy-sets/default/versions').set(admin).expect(200)).body;
    const start = await versions();
    const base = start.active_version as number;
    const baseText = (await request(http).get(`/v1/policy-sets/default?version=${base}`).set(admin).expect(200)).body.text as string;
    const edit = (from: string, to: string) => {
      expect(baseText).toContain(from);
      return baseText.replace(from, to);
    };
    const t1 = edit('description: Demo moderation policies for emoji-style images', 'description: first edit');
    const v1 = (await put('default', t1, '?comment=first').expect(200)).body;
    expect(v1).toMatchObject({ created: true, activated: true, diff_base: base });
    // Roll back with the README's call: its comment is kept, in the versions list and in the audit log.
    await request(http).post('/v1/policy-sets/default/activate').set(admin).send({ version: base, comment: 'roll back' }).expect(200);
    const after = await versions();
    expect(after.activation).toMatchObject({ actor: 'policy-admin', comment: 'roll back' });
    expect(after.versions.find((v: any) => v.version === base).activations[0]).toMatchObject({ actor: 'policy-admin', comment: 'roll back' });
    const audit = (await request(http).get('/v1/audit?action=policy_set.activated&limit=1000').set(bearer('admin')).expect(200)).body.items;
    expect(audit.at(-1)).toMatchObject({ actor: 'policy-admin', after: { version: base, comment: 'roll back' } });

    // v1's exact text again: v1 is served again, nothing new is stored.
    const again = (await put('default', t1).expect(200)).body;
    expect(again).toMatchObject({ created: false, activated: true, version: v1.version, active: true });
    expect(again.policy_set).toEqual({ name: (await active()).name, version: (await active()).version });
    // A no-op PUT names the set being served, not null.
    const noop = (await put('default', t1).expect(200)).body;
    expect(noop).toMatchObject({ created: false, activated: false, version: v1.version });
    expect(noop.policy_set.version).toBe((await active()).version);
    expect((await versions()).versions.length).toBe(start.versions.length + 1);

    // After a rollback the next change is diffed against what was served, not the newest version.
    await request(http).post('/v1/policy-sets/default/activate').set(admin).send({ version: base }).expect(200);
    const t2 = edit('description: Demo moderation policies for emoji-style images', 'description: second edit');
    const v2 = (await put('default', t2).expect(200)).body;
    expect(v2).toMatchObject({ created: true, version: v1.version + 1, diff_base: base });
    expect(v2.diff).toContain('+description: second edit');
    expect(v2.diff).not.toContain('first edit');
  });

  it('validate reports every error of a document at once (schema, threshold order, example path, stored moderation)', async () => {
    const doc = [
      'version: 1', 'name: phases', 'policies:',
      '  - id: no-description', '    prompts: [a gun]', '    scoring: similarity', '    severity: low', '    thresholds: { flag: 0.5, block: 0.2 }',
      '  - id: lookalike', '    description: examples', '    severity: high', '    examples: [../secret.png, "moderation:nope"]', '    example_thresholds: { block: 0.99 }', '',
    ].join('\n');
    const r = (await request(http).post('/v1/policies/validate').set(admin).set('Content-Type', 'application/yaml').send(doc).expect(200)).body;
    expect(r.valid).toBe(false);
    expect(r.errors.map((e: any) => `${e.line}:${e.column} ${e.path}: ${e.message}`)).toEqual([
      '4:5 policies[0].description: missing required field "description"',
      '8:37 policies[0].thresholds.block: thresholds out of order: block 0.2 < flag 0.5 (need flag <= blur <= block)',
      '12:16 policies[1].examples[0]: example "../secret.png" must be a path inside the policy folder (no absolute paths, no "..")',
      '12:31 policies[1].examples[1]: example "moderation:nope": no stored moderation with this id has an embedding',
    ]);
  });

  it('a bad field in any policy route is a 400 invalid_parameter naming the field and the failed constraint; nothing changes', async () => {
    const before = (await request(http).get('/v1/policy-sets/default/versions').set(admin).expect(200)).body;
    const yaml = (r: request.Test) => r.set('Content-Type', 'application/yaml').send(DEFAULT_YAML);
    const cases: [string, () => request.Test, string, string][] = [
      ['validate ?standalone=yes', () => yaml(request(http).post('/v1/policies/validate?standalone=yes').set(admin)), 'standalone', 'isBoolean'],
      ['validate ?strict=true', () => yaml(request(http).post('/v1/policies/validate?strict=true').set(admin)), 'strict', 'whitelistValidation'],
      ['preview standalone=1', () => request(http).post('/v1/policies/preview').set(admin).field('policy', DEFAULT_YAML).field('standalone', '1').attach('image', PISTOL, 'p.png'), 'standalone', 'isBoolean'],
      ['preview image as text', () => request(http).post('/v1/policies/preview').set(admin).field('policy', DEFAULT_YAML).field('image', 'pistol.png'), 'image', 'isEmpty'],
      ['evaluate target_precision=0', () => request(http).post('/v1/policies/evaluate').set(admin).field('target_precision', '0').attach('samples', samplesTar(), 's.tar'), 'target_precision', 'isPositive'],
      ['evaluate target_recall=1.5', () => request(http).post('/v1/policies/evaluate').set(admin).send({ source: 'verdicts', target_recall: 1.5 }), 'target_recall', 'max'],
      ['evaluate limit=0', () => request(http).post('/v1/policies/evaluate').set(admin).send({ source: 'verdicts', limit: 0 }), 'limit', 'min'],
      ['evaluate from=yesterday', () => request(http).post('/v1/policies/evaluate').set(admin).send({ source: 'verdicts', from: 'yesterday' }), 'from', 'isTime'],
      ['evaluate samples and source=verdicts', () => request(http).post('/v1/policies/evaluate').set(admin).field('source', 'verdicts').attach('samples', samplesTar(), 's.tar'), 'source', 'notWith'],
      ['evaluate samples and from', () => request(http).post('/v1/policies/evaluate').set(admin).field('from', '2026-11-01T00:00:00Z').attach('samples', samplesTar(), 's.tar'), 'from', 'notWith'],
      ['calibrate samples and limit', () => request(http).post('/v1/policy-sets/default/calibrate').set(admin).field('limit', '10').attach('samples', samplesTar(), 's.tar'), 'limit', 'notWith'],
      ['evaluate source=history', () => request(http).post('/v1/policies/evaluate').set(admin).send({ source: 'history' }), 'source', 'isIn'],
      ['evaluate policy=[]', () => request(http).post('/v1/policies/evaluate').set(admin).send({ source: 'verdicts', policy: [] }), 'policy', 'isPolicyDocument'],
      ['evaluate ?format=pdf', () => request(http).post('/v1/policies/evaluate?format=pdf').set(admin).send({ source: 'verdicts' }), 'format', 'isIn'],
      ['evaluate targetPrecision', () => request(http).post('/v1/policies/evaluate').set(admin).send({ source: 'verdicts', targetPrecision: 0.8 }), 'targetPrecision', 'whitelistValidation'],
      ['shadow-stats ?to=soon', () => request(http).get('/v1/policies/shadow-stats?to=soon').set(admin), 'to', 'isTime'],
      ['get ?version=0', () => request(http).get('/v1/policy-sets/default?version=0').set(admin), 'version', 'min'],
      ['get ?version=latest', () => request(http).get('/v1/policy-sets/default?version=latest').set(admin), 'version', 'isInt'],
      ['put ?activate=no', () => yaml(request(http).put('/v1/policy-sets/default?activate=no').set(admin)), 'activate', 'isBoolean'],
      ['put ?comment too long', () => yaml(request(http).put(`/v1/policy-sets/default?comment=${'x'.repeat(2001)}`).set(admin)), 'comment', 'maxLength'],
      ['delete ?reason', () => request(http).delete('/v1/policy-sets/default?reason=x').set(admin), 'reason', 'whitelistValidation'],
      ['activate {}', () => request(http).post('/v1/policy-sets/default/activate').set(admin).send({}), 'version', 'isInt'],
      ['activate "1"', () => request(http).post('/v1/policy-sets/default/activate').set(admin).send({ version: '1' }), 'version', 'isInt'],
      ['activate comment 7', () => request(http).post('/v1/policy-sets/default/activate').set(admin).send({ version: 1, comment: 7 }), 'comment', 'isString'],
      ['calibrate activate=maybe', () => request(http).post('/v1/policy-sets/default/calibrate').set(admin).send({ source: 'verdicts', activate: 'maybe' }), 'activate', 'isBoolean'],
      ['calibrate policies [1]', () => request(http).post('/v1/policy-sets/default/calibrate').set(admin).send({ source: 'verdicts', policies: [1] }), 'policies', 'isString'],
    ];
    for (const [what, send, field, constraint] of cases) {
      const res = await send();
      expect({ what, status: res.status, body: res.body }).toMatchObject({ what, status: 400, body: { code: 'invalid_parameter', details: { field } } });
      expect(res.body.details.errors).toContainEqual(expect.objectContaining({ field, constraint }));
    }
    expect((await request(http).get('/v1/policy-sets/default/versions').set(admin).expect(200)).body).toEqual(before);
  });

  it('DELETE stops serving a document added through PUT (audited, versions kept); folder documents are refused', async () => {
    expect((await request(http).delete('/v1/policy-sets/default').set(admin).expect(409)).body.code).toBe('conflict');
    await request(http).delete('/v1/policy-sets/json-doc').set(bearer('ingest')).expect(403);
    const r = (await request(http).delete('/v1/policy-sets/json-doc?comment=retired').set(admin).expect(200)).body;
    expect(r).toMatchObject({ name: 'json-doc', removed: true, active_version: null });
    const now = await active();
    expect(now.policies.map((p: any) => p.id)).not.toContain('json-policy');
    expect(r.policy_set.version).toBe(now.version);
    const list = (await request(http).get('/v1/policy-sets').set(admin).expect(200)).body.items;
    expect(list.find((i: any) => i.name === 'json-doc')).toMatchObject({ active_version: null, served: false });
    const audit = (await request(http).get('/v1/audit?entity_id=json-doc&limit=1000').set(bearer('admin')).expect(200)).body.items;
    expect(audit.at(-1)).toMatchObject({ action: 'policy_set.removed', entity_id: 'json-doc', actor: 'policy-admin', after: { comment: 'retired' } });
    expect((await request(http).delete('/v1/policy-sets/json-doc').set(admin).expect(404)).body.code).toBe('not_found');
    expect((await request(http).delete('/v1/policy-sets/nope').set(admin).expect(404)).body.code).toBe('not_found');
    // The versions stay; a PUT of the same text serves it again without a new version.
    const text = (await request(http).get('/v1/policy-sets/json-doc').set(admin).expect(200)).body.text;
    expect((await put('json-doc', text).expect(200)).body).toMatchObject({ created: false, activated: true, version: 1 });
    expect((await active()).policies.map((p: any) => p.id)).toContain('json-policy');
  });
});

describe('policy authoring from moderator verdicts (sqlite)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  const admin = bearer('policyAdmin');

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await bootApp((c) => ({ ...db.storage()(c), auth: { keys: Object.values(KEYS) }, policies: { ...c.policies, versions: 'db' } }));
    http = app.getHttpServer();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('evaluates on stored verdicts, and shadow stats count agreement with them', async () => {
    // A probe policy that flags everything sends every image to review; alcohol runs in shadow
    // (verdicts name enforced policies only, so the shadow one is judged by the image-level verdict).
    const probe = 'version: 1\nname: review-probe\npolicies:\n  - id: probe\n    description: flags everything\n    prompts: [anything]\n    scoring: similarity\n    severity: low\n    thresholds: { flag: -1 }\n';
    await request(http).put('/v1/policy-sets/review-probe').set(admin).set('Content-Type', 'application/yaml').send(probe).expect(200);
    const shadow = draft((d) => {
      const w = policyOf(d, 'alcohol');
      w.mode = 'shadow';
      w.thresholds = { flag: 0 };
    });
    await request(http).put('/v1/policy-sets/default').set(admin).set('Content-Type', 'application/yaml').send(shadow).expect(200);

    const verdicts: [Buffer, 'uphold' | 'overturn', string[]][] = [
      [PISTOL, 'uphold', ['weapons']],
      [image('twemoji-skull.png'), 'uphold', ['gore-death']],
      [DOG, 'overturn', ['probe']],
      [image('twemoji-thumbs-up.png'), 'overturn', ['probe']],
    ];
    // An admin: these verdicts label policies that did not fire (misses), which a moderator may not name.
    const mod = bearer('admin');
    for (const [img, verdict, policies] of verdicts) {
      const m = (await request(http).post('/v1/moderations').set(bearer('ingest')).set('Content-Type', 'image/png').send(img).expect(200)).body;
      // The probe flags everything; a real policy may add a blur, and both go to the review queue.
      expect(['flag', 'blur']).toContain(m.decision);
      const items = (await request(http).get('/v1/reviews?limit=100').set(mod).expect(200)).body.items;
      const item = items.find((i: any) => i.moderation_id === m.id);
      await request(http).post(`/v1/reviews/${item.id}/claim`).set(mod).expect(200);
      await request(http).post(`/v1/reviews/${item.id}/decision`).set(mod).send({ verdict, policies }).expect(200);
    }

    const r = (await request(http).post('/v1/policies/evaluate').set(admin).send({ source: 'verdicts' }).expect(200)).body;
    expect(r.source).toBe('verdicts');
    expect(r.samples.total).toBe(4);
    const by = (id: string) => r.policies.find((p: any) => p.policy_id === id);
    expect(by('weapons')).toMatchObject({ positives: 1, negatives: 3 });
    expect(by('gore-death')).toMatchObject({ positives: 1, negatives: 3 });
    expect(by('probe')).toMatchObject({ positives: 0 });
    expect(r.overall).toMatchObject({ tp: 2, fp: 2, fn: 0, tn: 0 }); // the probe flags everything

    const s = (await request(http).get('/v1/policies/shadow-stats').set(admin).expect(200)).body;
    const w = s.policies.find((p: any) => p.policy_id === 'alcohol');
    // alcohol (shadow, flag at 0) acted on all four: agreeing with the two upheld, not the two overturned.
    expect(w.verdicts).toEqual({ reviewed: 4, agree: 2, false_positive: 2, missed: 0, agreement: 0.5 });
    expect(w.overlap).toBe(4);
  });
});
