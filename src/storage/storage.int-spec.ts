import * as fs from 'fs';
import { sql } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import { Client } from 'pg';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../test/support/databases';
import { loadConfig } from '../config/configuration';
import { createPostgresPool, Storage } from './storage';

// Not toThrow(): better-sqlite3's native addon keeps the SqliteError class of the last jest module
// registry that loaded it, so in a shared worker its errors may not be instanceof this realm's Error.
const APPEND_ONLY = { message: expect.stringMatching(/append-only/) };

describe.each(databaseKinds())('Storage on %s', (kind) => {
  let tdb: TestDatabase;
  let storage: Storage;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    storage = await Storage.open(tdb.storage()(loadConfig({})).storage);
  });
  afterAll(async () => {
    await storage?.close();
    await tdb?.drop();
  });

  it('runs migrations at open, and again is a no-op', async () => {
    expect(storage.dialect).toBe(kind);
    const again = await Storage.open(tdb.storage()(loadConfig({})).storage);
    await again.close();
    const n = await storage.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('round-trips epoch-ms times as numbers and float32 embeddings as bytes', async () => {
    const emb = Float32Array.from([0.25, -1.5, 3.125]);
    await storage.db
      .insertInto('moderation_records')
      .values({
        id: 'm1', created_at: 1_764_400_000_123, client: 'c', external_id: null, sha256: 'ab', image_format: 'png', width: 1, height: 1, frames: 1, bytes: 1,
        model_id: 'm', policy_set_name: 'default', policy_set_version: 'v', decision: 'flag', max_score: 0.123456789, evidence: '{}',
        embedding: Buffer.from(emb.buffer), embedding_dim: 3, blob_key: null, blob_content_type: null, blob_deleted_at: null,
      })
      .execute();
    const r = await storage.db.selectFrom('moderation_records').selectAll().where('id', '=', 'm1').executeTakeFirstOrThrow();
    expect(r.created_at).toBe(1_764_400_000_123);
    expect(r.max_score).toBe(0.123456789);
    expect(Array.from(new Float32Array(new Uint8Array(r.embedding!).buffer))).toEqual([0.25, -1.5, 3.125]);
  });

  it('refuses to update or delete audit entries (append-only in the database)', async () => {
    await storage.db.insertInto('audit_log').values({ at: 1, actor: 'a', action: 'x', entity_type: 't', entity_id: 'i', before: null, after: null, request_id: null }).execute();
    await expect(storage.db.updateTable('audit_log').set({ actor: 'b' }).execute()).rejects.toMatchObject(APPEND_ONLY);
    await expect(storage.db.deleteFrom('audit_log').execute()).rejects.toMatchObject(APPEND_ONLY);
    const rows = await storage.db.selectFrom('audit_log').selectAll().execute();
    expect(rows.map((r) => r.actor)).toEqual(['a']);
    expect(typeof rows[0].seq).toBe('number');
  });

  it('rolls a failed transaction back', async () => {
    await expect(
      storage.transaction(async (trx) => {
        await trx.insertInto('audit_log').values({ at: 2, actor: 'rollback', action: 'x', entity_type: 't', entity_id: 'i', before: null, after: null, request_id: null }).execute();
        await sql`select * from no_such_table`.execute(trx);
      }),
    ).rejects.toHaveProperty('message');
    const rows = await storage.db.selectFrom('audit_log').select('actor').where('actor', '=', 'rollback').execute();
    expect(rows).toEqual([]);
  });
});

describe('Storage on sqlite: file modes', () => {
  it('creates the database, its -wal and -shm files 0600 (and tightens those of an older install)', async () => {
    const tdb = await createTestDatabase('sqlite');
    try {
      const file = `${tdb.dataDir}/clipguard.db`;
      const mode = (p: string) => fs.statSync(p).mode & 0o777;
      for (const suffix of ['', '-wal']) fs.writeFileSync(file + suffix, '', { mode: 0o644 });
      fs.chmodSync(file, 0o644);
      let storage = await Storage.open(tdb.storage()(loadConfig({})).storage);
      await storage.db.insertInto('audit_log').values({ at: 1, actor: 'a', action: 'x', entity_type: 't', entity_id: 'i', before: null, after: null, request_id: null }).execute();
      for (const suffix of ['', '-wal', '-shm']) expect([suffix, mode(file + suffix)]).toEqual([suffix, 0o600]);
      await storage.close();
      fs.rmSync(tdb.dataDir, { recursive: true, force: true });
      storage = await Storage.open(tdb.storage()(loadConfig({})).storage);
      await storage.db.insertInto('audit_log').values({ at: 1, actor: 'a', action: 'x', entity_type: 't', entity_id: 'i', before: null, after: null, request_id: null }).execute();
      expect(mode(tdb.dataDir)).toBe(0o700);
      for (const suffix of ['', '-wal', '-shm']) expect([suffix, mode(file + suffix)]).toEqual([suffix, 0o600]);
      await storage.close();
    } finally {
      await tdb.drop();
    }
  });
});

describe('Storage on sqlite: opening a database another connection is reading', () => {
  it('waits for the reader instead of failing the switch to WAL with "database is locked"', async () => {
    const tdb = await createTestDatabase('sqlite');
    const file = `${tdb.dataDir}/clipguard.db`;
    fs.mkdirSync(tdb.dataDir, { recursive: true });
    // A connection in the default rollback journal holds a read lock, as another process opening the
    // same new database does for a moment. WAL needs it gone; waiting for that in SQLite's busy handler
    // blocked this thread, so the reader (released on this thread's timer) never let go: "database is
    // locked" after 5 s.
    const reader = new BetterSqlite3(file);
    reader.exec('CREATE TABLE IF NOT EXISTS t (x); BEGIN; SELECT count(*) FROM t;');
    reader.prepare('SELECT count(*) FROM t').get();
    const released = new Promise<number>((resolve) => setTimeout(() => {
      reader.exec('COMMIT');
      resolve(Date.now());
    }, 300));
    try {
      const storage = await Storage.open(tdb.storage()(loadConfig({})).storage);
      const openedAt = Date.now();
      expect(openedAt).toBeGreaterThanOrEqual(await released);
      await storage.close();
      const check = new BetterSqlite3(file);
      expect(check.pragma('journal_mode', { simple: true })).toBe('wal');
      check.close();
    } finally {
      reader.close();
      await tdb.drop();
    }
  });
});

describe.each(databaseKinds().filter((k) => k === 'postgres'))('PostgreSQL pool on %s', (kind) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  // Without a listener of our own, a checked-out connection's 'error' had none (pg-pool removes its
  // idle listener at checkout): the event was an uncaught exception that ended the process.
  it('survives a checked-out connection losing its server between queries, and opens a new one', async () => {
    const errors: [string, string][] = [];
    const pool = createPostgresPool(tdb.databaseUrl!, 2, (e, state) => errors.push([state, e.message]));
    const admin = new Client({ connectionString: tdb.databaseUrl! });
    await admin.connect();
    try {
      const client = await pool.connect();
      let pid: number;
      try {
        pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
        const ended = new Promise((resolve) => client.once('end', resolve));
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        await ended; // no query was running on it: the loss arrives as the connection's own 'error'
        expect(errors).toEqual([['checked-out', expect.stringMatching(/terminat/i)]]);
        await expect(client.query('SELECT 1')).rejects.toThrow(/not queryable/);
      } finally {
        client.release(); // pg-pool drops a connection that is no longer queryable
      }
      const again = await pool.query('SELECT pg_backend_pid() AS pid');
      expect(again.rows[0].pid).not.toBe(pid);
      // An idle connection lost the same way is reported once, as idle.
      const removed = new Promise((resolve) => pool.once('remove', resolve));
      await admin.query('SELECT pg_terminate_backend($1)', [again.rows[0].pid]);
      await removed;
      expect(errors.map(([state]) => state)).toEqual(['checked-out', 'idle']);
      expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
