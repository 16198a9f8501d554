import { Logger, OnApplicationShutdown } from '@nestjs/common';
import BetterSqlite3 from 'better-sqlite3';
import * as fs from 'fs';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect, Transaction } from 'kysely';
import * as path from 'path';
import { Pool, types as pgTypes } from 'pg';
import type { StorageConfig } from '../config/configuration';
import type { Database, Db, Dialect } from './database.types';
import { CodeMigrations } from './migrations';
import { cachingDatabase } from './statement-cache';
import { WalCheckpointer } from './wal-checkpoint';
import { WalFsync, WalSqliteDialect } from './wal-fsync';

const INT8_OID = 20;
/** How long a process opening SQLite waits for another one's migrations. */
const MIGRATION_LOCK_WAIT_MS = 120_000;

/**
 * The database holds every record, the audit log and webhook secrets: readable by the service's
 * user only. The file is created 0600 before SQLite opens it, because SQLite gives the -wal and
 * -shm files the database file's mode; files of an older install are tightened too.
 */
function ownerOnly(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

/**
 * The PostgreSQL pool. A connection that loses its server (restart, failover, an administrator ending
 * its backend) emits 'error'; an EventEmitter 'error' nobody listens to is an uncaught exception that
 * ends the process. pg-pool listens on idle connections only (it forwards their errors to the pool's
 * 'error' event) and removes its listener while a connection is checked out, so a connection lost
 * between two queries of a transaction, or before its first query was sent, had no listener. Here every
 * connection keeps one of its own for its whole life: the loss is logged, the next query on that
 * connection fails (the caller's transaction rolls back), and pg-pool drops the connection when it is
 * released, so the next checkout opens a new one.
 */
export function createPostgresPool(url: string, max: number, onError: (e: Error, state: 'idle' | 'checked-out') => void): Pool {
  const pool = new Pool({
    connectionString: url,
    max,
    // Our bigints are epoch milliseconds: well inside Number's exact range.
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? Number : pgTypes.getTypeParser(oid, format as 'text'))) as typeof pgTypes.getTypeParser },
  });
  const checkedOut = new WeakSet<object>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_err, client) => checkedOut.delete(client));
  // Idle connections: pg-pool has already removed the connection from the pool when this fires.
  pool.on('error', (e) => onError(e, 'idle'));
  pool.on('connect', (client) => {
    let reported = false; // one loss often arrives twice: the server's FATAL message, then the socket's end
    client.on('error', (e: Error) => {
      if (checkedOut.has(client) && !reported) onError(e, 'checked-out');
      reported = true;
    });
  });
  return pool;
}


/** How long opening a SQLite database waits for other connections to let it switch to WAL. */
const WAL_SWITCH_WAIT_MS = 5000;

/**
 * Switches the database file to WAL, which needs every other connection's lock on the file gone. In
 * SQLite's busy handler that wait blocks this thread for up to the busy timeout and can still end in
 * "database is locked" (seen with six processes opening one new database together:
 * test/storage-concurrent-open.e2e-spec.ts). Retried on a timer instead, with the busy timeout off
 * meanwhile: the thread stays free, and the wait is bounded by WAL_SWITCH_WAIT_MS.
 */
async function switchToWal(sqlite: BetterSqlite3.Database): Promise<void> {
  const deadline = Date.now() + WAL_SWITCH_WAIT_MS;
  sqlite.pragma('busy_timeout = 0');
  for (;;) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * The database: SQLite (WAL; commits fsynced and checkpointed off the event loop, see wal-fsync.ts and
 * wal-checkpoint.ts) in the data folder by default, PostgreSQL when
 * DATABASE_URL is set. Opening it runs pending migrations, so a started service has its schema.
 * It is the only place that imports a driver; repositories take the Kysely instance.
 */
export class Storage implements OnApplicationShutdown {
  private closed = false;

  private constructor(
    readonly db: Db,
    readonly dialect: Dialect,
    readonly location: string,
  ) {}

  /** The WAL syncer when SQLITE_SYNC=fsync (SQLite only). */
  walFsync: WalFsync | null = null;
  /** The background checkpointer when SQLITE_CHECKPOINT=background (SQLite only). */
  walCheckpointer: WalCheckpointer | null = null;
  /** The SQLite handle (SQLite only), for the migration lock's busy timeout. */
  private sqlite: BetterSqlite3.Database | null = null;
  /** The inode of the SQLite file we opened: readiness checks the path still leads to it. */
  private sqliteInode: number | null = null;

  static async open(cfg: Pick<StorageConfig, 'dataDir' | 'databaseUrl' | 'databasePoolSize'> & Partial<Pick<StorageConfig, 'sqliteSync' | 'sqliteCheckpoint'>>): Promise<Storage> {
    let storage: Storage;
    if (cfg.databaseUrl) {
      const log = new Logger('Storage');
      const pool = createPostgresPool(cfg.databaseUrl, cfg.databasePoolSize, (e, state) => log.warn(`${state} PostgreSQL connection failed: ${e.message}`));
      storage = new Storage(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), 'postgres', cfg.databaseUrl.replace(/\/\/[^@/]*@/, '//***@'));
    } else {
      fs.mkdirSync(cfg.dataDir, { recursive: true, mode: 0o700 });
      const file = path.join(cfg.dataDir, 'clipguard.db');
      ownerOnly(file);
      const sqlite = new BetterSqlite3(file);
      try {
        await switchToWal(sqlite);
      } catch (e) {
        sqlite.close();
        throw e;
      }
      // fsync and full: a commit is on disk before we answer, also across a power loss; normal only survives a process kill.
      const mode = cfg.sqliteSync ?? 'fsync';
      sqlite.pragma(`synchronous = ${mode === 'full' ? 'FULL' : 'NORMAL'}`);
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('busy_timeout = 5000');
      const wal = mode === 'fsync' ? new WalFsync(file) : null;
      // Checkpoints on a worker thread rather than inside a COMMIT on this one (see wal-checkpoint.ts).
      const checkpointer = (cfg.sqliteCheckpoint ?? 'background') === 'background' ? new WalCheckpointer(sqlite, file) : null;
      const database = cachingDatabase(sqlite);
      // Kysely's own dialect when neither helper is on (SQLITE_SYNC=full|normal with SQLITE_CHECKPOINT=inline): no wrapper on each query.
      const dialect = wal || checkpointer ? new WalSqliteDialect({ database }, wal, checkpointer) : new SqliteDialect({ database });
      storage = new Storage(new Kysely<Database>({ dialect }), 'sqlite', file);
      storage.walFsync = wal;
      storage.walCheckpointer = checkpointer;
      storage.sqlite = sqlite;
      storage.sqliteInode = fs.statSync(file).ino;
    }
    try {
      await storage.migrate();
    } catch (e) {
      await storage.close();
      throw e;
    }
    return storage;
  }

  async migrate(): Promise<void> {
    if (this.dialect === 'sqlite') return this.migrateSqlite();
    // PostgreSQL: Kysely's migrator takes an advisory lock inside its transaction, so instances
    // starting together migrate one after the other.
    await this.runMigrator();
  }

  /**
   * Kysely's SQLite adapter takes no lock and runs each migration outside a transaction: two
   * processes opening one new database (two CLI commands, a service and its CLI) both saw no
   * migrations applied and the second failed with "table already exists". Here the whole run —
   * reading what is applied, then applying the rest — is one BEGIN IMMEDIATE transaction: the
   * others wait for the write lock and then find nothing left to do, and a migration that fails
   * leaves no half-made schema behind.
   */
  private async migrateSqlite(): Promise<void> {
    const sqlite = this.sqlite!;
    const busy = sqlite.pragma('busy_timeout', { simple: true }) as number;
    // A large database's migration can outlast the usual 5 s wait; waiting processes hold nothing.
    sqlite.pragma(`busy_timeout = ${MIGRATION_LOCK_WAIT_MS}`);
    try {
      await sql`BEGIN IMMEDIATE`.execute(this.db);
      try {
        await this.runMigrator();
      } catch (e) {
        await sql`ROLLBACK`.execute(this.db);
        throw e;
      }
      await sql`COMMIT`.execute(this.db);
    } finally {
      sqlite.pragma(`busy_timeout = ${busy}`);
    }
  }

  private async runMigrator(): Promise<void> {
    const migrator = new Migrator({ db: this.db, provider: new CodeMigrations(this.dialect) });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw new Error(`database migration failed: ${(error as Error).message ?? error}`);
    const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (applied.length) new Logger('Storage').log(`applied migrations ${applied.join(', ')} (${this.dialect} ${this.location})`);
  }

  /**
   * Readiness (src/health): throws, saying why, when the database cannot take a write now.
   * PostgreSQL: the server answers (SELECT 1). SQLite: the file on disk is still the one we hold
   * (a removed or replaced file keeps taking writes through our open handle, and loses them at
   * exit), it is writable, and a write that is rolled back gets SQLite's write lock.
   */
  async probe(): Promise<{ dialect: Dialect }> {
    if (this.dialect === 'postgres') {
      await sql`SELECT 1`.execute(this.db);
      return { dialect: this.dialect };
    }
    const file = this.location;
    const st = await fs.promises.stat(file).catch(() => null);
    if (!st) throw new Error('the SQLite database file was removed while in use');
    if (st.ino !== this.sqliteInode) throw new Error('the SQLite database file was replaced while in use');
    for (const f of [file, path.dirname(file)]) {
      await fs.promises.access(f, fs.constants.W_OK).catch(() => {
        throw new Error(`the SQLite database ${f === file ? 'file' : 'folder'} is not writable`);
      });
    }
    const rollback = new Error('rollback');
    await this.db
      .transaction()
      .execute(async (trx) => {
        await sql`UPDATE kysely_migration SET name = name WHERE 0`.execute(trx);
        throw rollback;
      })
      .catch((e) => {
        if (e !== rollback) throw e;
      });
    return { dialect: this.dialect };
  }

  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
  }

  /**
   * The last phase of Nest's close: every module's onModuleDestroy (where the job runner and the
   * delivery worker finish what they hold) has run by then, so their results are written.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
