import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sql } from 'kysely';
import { loadConfig } from '../config/configuration';
import { Storage } from './storage';

const entry = (actor: string) => ({ at: 1, actor, action: 'x', entity_type: 't', entity_id: 'i', before: null, after: null, request_id: null });

describe('SQLite commit durability (SQLITE_SYNC)', () => {
  let dir: string;
  const open = (sqliteSync?: 'fsync' | 'full' | 'normal') => Storage.open({ dataDir: dir, databaseUrl: null, databasePoolSize: 1, ...(sqliteSync ? { sqliteSync } : {}) });
  const synchronous = async (s: Storage) => (await sql<{ synchronous: number }>`pragma synchronous`.execute(s.db)).rows[0].synchronous;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-wal-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('defaults to fsync: NORMAL inside SQLite, and a write resolves only after an fsync of the WAL that began after it', async () => {
    const s = await open();
    try {
      expect(await synchronous(s)).toBe(1);
      const wal = s.walFsync!;
      const before = wal.count;
      await s.db.insertInto('audit_log').values(entry('a')).execute();
      expect(wal.count).toBe(before + 1);
      await s.transaction(async (trx) => {
        await trx.insertInto('audit_log').values(entry('b')).execute();
      });
      expect(wal.count).toBe(before + 2);
      // Reads do not sync.
      await s.db.selectFrom('audit_log').selectAll().execute();
      expect(wal.count).toBe(before + 2);
    } finally {
      await s.close();
    }
  });

  it('groups concurrent commits into few fsyncs and loses none', async () => {
    const s = await open();
    try {
      const wal = s.walFsync!;
      const before = wal.count;
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          s.transaction(async (trx) => {
            await trx.insertInto('audit_log').values(entry(`t${i}`)).execute();
          }),
        ),
      );
      const syncs = wal.count - before;
      expect(syncs).toBeGreaterThanOrEqual(1);
      expect(syncs).toBeLessThanOrEqual(3);
      const n = await s.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(40);
    } finally {
      await s.close();
    }
    // Reopened: every acknowledged row is there.
    const again = await open();
    try {
      const rows = await again.db.selectFrom('audit_log').select('actor').execute();
      expect(rows).toHaveLength(40);
    } finally {
      await again.close();
    }
  });

  it('full runs synchronous=FULL and normal runs NORMAL, neither with the WAL syncer', async () => {
    for (const [mode, level] of [['full', 2], ['normal', 1]] as const) {
      const s = await open(mode);
      try {
        expect(await synchronous(s)).toBe(level);
        expect(s.walFsync).toBeNull();
        await s.db.insertInto('audit_log').values(entry(mode)).execute();
      } finally {
        await s.close();
      }
    }
  });

  it('is configured by SQLITE_SYNC, refusing unknown values', () => {
    expect(loadConfig({}).storage.sqliteSync).toBe('fsync');
    expect(loadConfig({ SQLITE_SYNC: 'full' }).storage.sqliteSync).toBe('full');
    expect(() => loadConfig({ SQLITE_SYNC: 'sometimes' })).toThrow(/SQLITE_SYNC/);
  });
});
