import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import BetterSqlite3 from 'better-sqlite3';
import { execFileSync } from 'child_process';
import { sql } from 'kysely';
import { loadConfig } from '../config/configuration';
import { Storage } from './storage';
import { WalCheckpointer } from './wal-checkpoint';

const entry = (i: number) => ({ at: i, actor: `a${i}`, action: 'x', entity_type: 't', entity_id: `i${i}`, before: null, after: 'y'.repeat(100), request_id: null });
const pragma = async (s: Storage, name: string) => Number(Object.values((await sql.raw<Record<string, number>>(`pragma ${name}`).execute(s.db)).rows[0])[0]);
/** Resolves once `cond` holds (the worker answers by message; starting it takes a moment), or fails after 10 s. */
async function until(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  if (!cond()) throw new Error(`never happened: ${what}`);
}

describe('SQLite WAL checkpoints off the HTTP thread (SQLITE_CHECKPOINT)', () => {
  let dir: string;
  const open = (sqliteCheckpoint?: 'background' | 'inline') =>
    Storage.open({ dataDir: dir, databaseUrl: null, databasePoolSize: 1, ...(sqliteCheckpoint ? { sqliteCheckpoint } : {}) });
  const commit = (s: Storage, i: number) => s.transaction((trx) => trx.insertInto('audit_log').values(entry(i)).execute());

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-ckpt-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('defaults to background: automatic checkpoints off on the connection, the worker checkpoints, every write survives', async () => {
    const s = await open();
    try {
      expect(await pragma(s, 'wal_autocheckpoint')).toBe(0);
      const ckpt = s.walCheckpointer!;
      expect(ckpt.active).toBe(true);
      for (let i = 0; i < 300; i++) await commit(s, i);
      await until(() => ckpt.count >= 4, 'four background checkpoints (one per 64 writes)');
      expect(ckpt.last!.checkpointed).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
    // Every row is there after the service's connection closed (its last checkpoint), and the WAL is gone.
    expect(fs.existsSync(path.join(dir, 'clipguard.db-wal'))).toBe(false);
    const again = await open();
    try {
      const n = await again.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(300);
    } finally {
      await again.close();
    }
  });

  it('keeps the WAL bounded under writes that never pause: PASSIVE checkpoints, then a RESTART once it is large', async () => {
    const file = path.join(dir, 'raw.db');
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.exec('create table t (i integer primary key, v text)');
    const ckpt = new WalCheckpointer(db, file, { every: 16, restartPages: 256 });
    try {
      const ins = db.prepare('insert into t (i, v) values (?, ?)');
      let i = 0;
      const write = () => {
        ins.run(i++, 'z'.repeat(6000));
        ckpt.wrote();
      };
      // The worker takes a moment to start: the first checkpoint, once it is up.
      for (let k = 0; k < 16; k++) write();
      await until(() => ckpt.count >= 1, 'the first checkpoint');
      // 2,000 commits of two or three pages each (4,000+ WAL frames), one per turn of the event loop,
      // so that they go on while the worker checkpoints.
      for (let k = 0; k < 2000; k++) {
        write();
        await new Promise((r) => setImmediate(r));
      }
      await until(() => !ckpt.running, 'the last checkpoint');
      expect(ckpt.restarts).toBeGreaterThan(0);
      // A RESTART takes effect at the next write, which starts the WAL over: then it holds fewer frames
      // than were written since the first checkpoint (PASSIVE alone never restarts it while writes
      // continue, and would leave all 4,000+ in it).
      write();
      const [now] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
      expect(now.log).toBeLessThan(4000);
    } finally {
      await ckpt.close();
      db.close();
    }
  });

  it('inline keeps SQLite\'s automatic checkpoint on commit and starts no worker', async () => {
    const s = await open('inline');
    try {
      expect(s.walCheckpointer).toBeNull();
      expect(await pragma(s, 'wal_autocheckpoint')).toBe(1000);
    } finally {
      await s.close();
    }
  });

  it('falls back to SQLite\'s automatic checkpoints when the worker dies, and loses no write', async () => {
    const s = await open();
    try {
      const ckpt = s.walCheckpointer!;
      // The worker is private; killing it the way a crash would is the point of the test.
      await (ckpt as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
      await until(() => !ckpt.active, 'the fallback');
      expect(await pragma(s, 'wal_autocheckpoint')).toBe(1000);
      for (let i = 0; i < 100; i++) await commit(s, i);
      const n = await s.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(100);
    } finally {
      await s.close();
    }
  });

  it('lets a process with nothing else to do finish closing (the idle worker does not hold it open, nor does it cut the close short)', () => {
    const script = `
      const { Storage } = require(${JSON.stringify(path.join(__dirname, 'storage'))});
      (async () => {
        const s = await Storage.open({ dataDir: ${JSON.stringify(dir)}, databaseUrl: null, databasePoolSize: 1 });
        await s.db.insertInto('audit_log').values({ at: 1, actor: 'a', action: 'x', entity_type: 't', entity_id: 'i', before: null, after: null, request_id: null }).execute();
        await s.close();
        process.stdout.write('closed');
      })();`;
    const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8', timeout: 60_000 });
    expect(out).toMatch(/closed$/);
    expect(fs.existsSync(path.join(dir, 'clipguard.db-wal'))).toBe(false);
  });

  it('is configured by SQLITE_CHECKPOINT, refusing other values', () => {
    expect(loadConfig({}).storage.sqliteCheckpoint).toBe('background');
    expect(loadConfig({ SQLITE_CHECKPOINT: 'inline' }).storage.sqliteCheckpoint).toBe('inline');
    expect(() => loadConfig({ SQLITE_CHECKPOINT: 'sometimes' })).toThrow(/SQLITE_CHECKPOINT/);
  });
});
