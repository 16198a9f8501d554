import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import type { AppConfig, StorageConfig } from '../../src/config/configuration';

/**
 * The databases storage tests run against. SQLite always; PostgreSQL through TEST_DATABASE_URL
 * (a server where the user may CREATE DATABASE: each test file gets a fresh database, dropped after).
 * In CI (CI set) a missing TEST_DATABASE_URL fails the PostgreSQL tests instead of skipping them.
 */
export type DbKind = 'sqlite' | 'postgres';

export interface TestDatabase {
  kind: DbKind;
  dataDir: string;
  databaseUrl: string | null;
  /** Config overrides for bootApp / Storage.open. */
  storage(extra?: Partial<StorageConfig>): (c: AppConfig) => AppConfig;
  drop(): Promise<void>;
}

const PG_URL = process.env.TEST_DATABASE_URL?.trim();

export function databaseKinds(): DbKind[] {
  if (PG_URL) return ['sqlite', 'postgres'];
  if (process.env.CI) return ['sqlite', 'postgres']; // fails loudly in createTestDatabase
  // eslint-disable-next-line no-console
  console.warn('TEST_DATABASE_URL is not set: PostgreSQL storage tests are SKIPPED locally (they fail in CI). See .ci/run.');
  return ['sqlite'];
}

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-test-'));
  let databaseUrl: string | null = null;
  let drop = async () => undefined as void;
  if (kind === 'postgres') {
    if (!PG_URL) throw new Error('TEST_DATABASE_URL is required for the PostgreSQL storage tests (CI sets it in .ci/run)');
    const name = `clipguard_t_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    drop = async () => {
      const c = new Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await dropDatabase(c, name);
      } finally {
        await c.end();
      }
    };
  }
  return {
    kind,
    dataDir,
    databaseUrl,
    storage: (extra = {}) => (c) => ({ ...c, storage: { ...c.storage, dataDir, blobDir: path.join(dataDir, 'blobs'), databaseUrl, ...extra } }),
    async drop() {
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** SQLSTATE 42501: FORCE may not terminate a backend the user does not own (an autovacuum worker). */
const INSUFFICIENT_PRIVILEGE = '42501';
const DROP_WAIT_MS = 30_000;

/**
 * DROP DATABASE … WITH (FORCE) terminates the test's own leftover connections. An autovacuum worker
 * visiting the database belongs to no role, and terminating it needs pg_signal_backend (granted in
 * .ci/run); without that grant, wait until pg_stat_activity shows the database free, then drop it.
 */
async function dropDatabase(c: Client, name: string): Promise<void> {
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return;
  } catch (e) {
    if ((e as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw e;
  }
  const deadline = Date.now() + DROP_WAIT_MS;
  for (;;) {
    await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = current_user', [name]);
    const busy = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if (busy.rows[0].n === 0) {
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name}`);
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== '55006' || Date.now() > deadline) throw e; // 55006: object in use
      }
    } else if (Date.now() > deadline) {
      throw new Error(`test database ${name} still has ${busy.rows[0].n} connection(s) after ${DROP_WAIT_MS} ms`);
    }
    await c.query('SELECT pg_sleep(0.05)');
  }
}
