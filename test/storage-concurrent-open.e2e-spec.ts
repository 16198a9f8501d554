import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const PROCESSES = 6;

// Each child loads the code, says "ready", and opens the database when its stdin says "go": all of
// them reach Storage.open at the same moment.
const CHILD = `
  const { Storage } = require('./src/storage/storage');
  process.stdout.write('READY\\n');
  process.stdin.once('data', async () => {
    try {
      const s = await Storage.open({ dataDir: process.argv[1], databaseUrl: '', databasePoolSize: 1 });
      const rows = await s.db.selectFrom('kysely_migration').select('name').execute();
      process.stdout.write('\\nMIGRATIONS ' + JSON.stringify(rows.map((r) => r.name)) + '\\n');
      await s.close();
      process.exit(0);
    } catch (e) {
      process.stderr.write(String((e && e.stack) || e));
      process.exit(1);
    }
  });`;

interface Child {
  proc: ChildProcess;
  ready: Promise<void>;
  done: Promise<{ code: number | null; out: string; err: string }>;
}

function start(dir: string): Child {
  const proc = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', CHILD, dir], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'error' } });
  let out = '';
  let err = '';
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('READY\n')) markReady();
  });
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => proc.on('exit', (code) => resolve({ code, out, err: err.slice(0, 1500) })));
  done.then(() => markReady());
  return { proc, ready, done };
}

// Several processes starting on one fresh data folder (two CLI commands, or a service and its CLI)
// must all find the schema migrated exactly once: in CI two policy CLI processes raced and one
// failed with "table moderation_records already exists".
describe('SQLite storage opened by several processes at once', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-concurrent-open-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`${PROCESSES} processes open one new database together: each succeeds and sees every migration once`, async () => {
    const children = Array.from({ length: PROCESSES }, () => start(dir));
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.proc.stdin!.write('go\n');
    const runs = await Promise.all(children.map((c) => c.done));
    expect(runs.map((r) => [r.code, r.err])).toEqual(runs.map(() => [0, '']));
    const lists = runs.map((r) => JSON.parse(/^MIGRATIONS (.*)$/m.exec(r.out)![1]) as string[]);
    expect(lists[0].length).toBeGreaterThan(3);
    expect(new Set(lists[0]).size).toBe(lists[0].length);
    for (const l of lists) expect(l).toEqual(lists[0]);
  });
});
