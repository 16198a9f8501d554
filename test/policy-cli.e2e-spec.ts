import { INestApplication } from '@nestjs/common';
import { execFile, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { runPolicyCli } from '../src/cli/policy';
import { bootApp, FIXTURES } from './helpers/app';
import { createTestDatabase, TestDatabase } from './support/databases';

const ROOT = path.join(__dirname, '..');
const SAMPLES = path.join(FIXTURES, 'samples');

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  return { out, err, progress, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), progress: (s: string) => progress.push(s) } };
}

describe('npm run policy (CLI, demo model, labelled Twemoji samples)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let tmp: string;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await bootApp((c) => db.storage()(c));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-cli-'));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('eval prints the table, reports progress and writes the HTML and JSON reports', async () => {
    const t = io();
    const html = path.join(tmp, 'report.html');
    const json = path.join(tmp, 'report.json');
    const code = await runPolicyCli(['eval', path.join(ROOT, 'policies', 'default.yaml'), SAMPLES, '--html', html, '--json', json, '--target-recall', '0.8'], t.io, app);
    expect(t.err).toEqual(['skipped 1 non-image file(s)']); // the samples README
    expect(code).toBe(0);
    const text = t.out.join('\n');
    expect(text).toMatch(/^policy set default [0-9a-f]{12}, model emoji-clip-demo, 34 samples/);
    expect(text).toMatch(/policy\s+level\s+thresh\s+prec\s+recall\s+F1\s+tp\s+fp\s+fn\s+tn/);
    for (const id of ['weapons', 'drugs', 'alcohol', 'tobacco', 'gore-death', 'gambling', 'offensive-gestures']) expect(text).toContain(id);
    expect(text).toMatch(/recall >= 0.8/);
    expect(t.progress[t.progress.length - 1]).toMatch(/^scoring 34\/34 images \(100%/);
    const page = fs.readFileSync(html, 'utf8');
    expect(page.match(/<svg /g)).toHaveLength(14);
    expect(page).not.toMatch(/<script/);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(report.policies).toHaveLength(7);
    expect(report.samples.total).toBe(34);
  });

  it('calibrate --write adds calibration blocks, keeps comments, and the file stays valid and evaluates as calibrated', async () => {
    const file = path.join(tmp, 'default.yaml');
    const source = fs.readFileSync(path.join(ROOT, 'policies', 'default.yaml'), 'utf8');
    fs.writeFileSync(file, source);
    const t = io();
    expect(await runPolicyCli(['calibrate', file, SAMPLES, '--policies', 'weapons,alcohol,tobacco', '--write'], t.io, app)).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    // Every comment of the shipped file survives, in order (the thresholds' "# tuned: ..." lines among them).
    const comments = (yaml: string) => yaml.split('\n').flatMap((line) => line.match(/#.*$/) ?? []);
    expect(comments(source).length).toBeGreaterThan(10);
    expect(comments(text)).toEqual(comments(source));
    const doc = parse(text);
    const cal = (id: string) => doc.policies.find((p: any) => p.id === id).calibration;
    expect(cal('weapons')).toMatchObject({ method: 'platt', a: expect.any(Number), b: expect.any(Number), fitted: expect.stringContaining('34 samples') });
    expect(cal('alcohol')).toMatchObject({ method: 'platt' });
    expect(cal('tobacco')).toBeUndefined(); // one positive sample: not fitted
    expect(cal('drugs')).toBeUndefined(); // not asked for
    expect(t.out.join('\n')).toMatch(/tobacco: not fitted \(needs at least 2 positive/);

    const v = io();
    expect(await runPolicyCli(['validate', file], v.io, app)).toBe(0);
    const e = io();
    const json = path.join(tmp, 'after.json');
    expect(await runPolicyCli(['eval', file, SAMPLES, '--json', json], e.io, app)).toBe(0);
    const after = JSON.parse(fs.readFileSync(json, 'utf8'));
    const w = after.policies.find((p: any) => p.policyId === 'weapons');
    expect(w.calibrated).toBe(true);
    // Scores are now sigmoid(a * raw + b) of the raw scores.
    const o = after.outcomes[0].scores.weapons;
    expect(o.score).toBeCloseTo(1 / (1 + Math.exp(-(cal('weapons').a * o.rawScore + cal('weapons').b))), 4);
  });

  it('validate reports positions and fails on an invalid file; usage errors exit 2', async () => {
    const file = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(file, 'version: 1\nname: bad\npolicies:\n  - id: x\n    description: x\n    prompts: [a]\n    scoring: softmax\n    severity: low\n    thresholds: { flag: 0.5, block: 0.2 }\n');
    const t = io();
    expect(await runPolicyCli(['validate', file, '--standalone'], t.io, app)).toBe(1);
    expect(t.out[0]).toBe(`${file}:9:37 policies[0].thresholds.block: thresholds out of order: block 0.2 < flag 0.5 (need flag <= blur <= block)`);
    const u = io();
    expect(await runPolicyCli(['eval', file], u.io, app)).toBe(2);
    expect(u.err[0]).toMatch(/^usage:/);
  });

  // The real CLI in its own process: stdout must parse as JSON whatever the logs say (issue 15 item 3).
  it('as a separate process, stdout carries the JSON alone; logs go to stderr and LOG_LEVEL silences them', async () => {
    const samples = path.join(tmp, 'few');
    for (const [label, file] of [['weapons', 'dagger.png'], ['weapons', 'pistol.png'], ['none', 'wrench.png'], ['none', 'dog-face.png']]) {
      fs.mkdirSync(path.join(samples, label), { recursive: true });
      fs.copyFileSync(path.join(SAMPLES, label, file), path.join(samples, label, file));
    }
    const env = { ...process.env, API_KEYS: '', LOG_LEVEL: '', DATA_DIR: tmp, POLICY_VERSIONS: 'off' };
    const cli = (args: string[], extra: Record<string, string>) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, [path.join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'), '--transpile-only', 'src/cli/policy.ts', ...args], { cwd: ROOT, env: { ...env, ...extra }, timeout: 180_000 }, (e, stdout, stderr) =>
          resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout, stderr }),
        ),
      );
    // The service's policy folder holds the shipped set with one contrast prompt written twice: a
    // warning whatever the model's scores, which the registry summarises when it loads the folder.
    const warnedDir = path.join(tmp, 'warned-policies');
    fs.mkdirSync(warnedDir);
    const shipped = fs.readFileSync(path.join(ROOT, 'policies/default.yaml'), 'utf8');
    const warned = shipped.replace('      - a boomerang\n', '      - a boomerang\n      - a boomerang\n');
    expect(warned).not.toBe(shipped);
    fs.writeFileSync(path.join(warnedDir, 'default.yaml'), warned);
    const [evalRun, validateRun] = await Promise.all([
      cli(['eval', 'policies/default.yaml', samples, '--json'], { POLICIES_DIR: warnedDir }),
      cli(['validate', 'policies/default.yaml', '--json'], { LOG_LEVEL: 'error' }),
    ]);
    expect(evalRun.code).toBe(0);
    expect(JSON.parse(evalRun.stdout).samples.total).toBe(4);
    // Quiet by default, but warnings still reach stderr (the policy set's warning summary).
    expect(evalRun.stderr).toMatch(/WARN .*\[PolicyRegistry\] policy set "default" [0-9a-f]{12}: \d+ warnings?/);
    expect(evalRun.stderr).not.toMatch(/\bLOG\b/);
    expect([validateRun.code, validateRun.stderr, validateRun.code ? validateRun.stdout.slice(0, 2000) : '']).toEqual([0, '', '']);
    expect(JSON.parse(validateRun.stdout)).toMatchObject({ valid: true, errors: [] });
    expect(validateRun.stderr).toBe('');
  });

  it('runs as `npm run policy` (a separate process): usage on bad arguments', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'), '--transpile-only', 'src/cli/policy.ts', 'frobnicate'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/npm run policy -- eval <policy file> <samples folder/);
  });
});
