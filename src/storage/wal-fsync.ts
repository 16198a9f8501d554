import * as fs from 'fs';
import * as path from 'path';
import { DatabaseConnection, Driver, QueryResult, SqliteDialect, SqliteDialectConfig, TransactionSettings } from 'kysely';
import type { WalCheckpointer } from './wal-checkpoint';

/**
 * Group commit for SQLite without blocking the event loop.
 *
 * better-sqlite3 runs on the calling thread, so with `synchronous=FULL` every COMMIT waits for an
 * fsync of the WAL on the HTTP thread (0.7 ms typical, 14 ms worst seen here, more on a busy disk).
 * Instead the connection runs `synchronous=NORMAL` (a commit only appends its frames to the WAL) and
 * this class fsyncs the WAL file from libuv's thread pool before a write's promise resolves. One
 * fsync covers every commit that finished before it started; commits that arrive while one runs
 * share the next. The WAL frames of a commit are on disk before its caller continues, as with FULL,
 * so an acknowledged write survives a power loss as well as a process kill.
 */
export class WalFsync {
  private handle: fs.promises.FileHandle | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private closed = false;
  /** fsyncs done; read by tests and the benchmark. */
  count = 0;

  constructor(private readonly dbFile: string) {}

  /** Resolves once everything written before this call is on disk. */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.flush().finally(() => (this.running = null));
      return this.running;
    }
    // The fsync in flight may have started before the caller's commit: one more after it.
    this.queued ??= this.running.then(
      () => this.next(),
      () => this.next(),
    );
    return this.queued;
  }

  private next(): Promise<void> {
    this.queued = null;
    return this.sync();
  }

  private async flush(): Promise<void> {
    if (this.closed) return;
    if (!this.handle) {
      this.handle = await fs.promises.open(`${this.dbFile}-wal`, 'r');
      // The WAL's directory entry must be durable too (it is created on first use).
      const dir = await fs.promises.open(path.dirname(this.dbFile), 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    }
    await this.handle.sync();
    this.count++;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queued?.catch(() => undefined);
    await this.running?.catch(() => undefined);
    await this.handle?.close();
    this.handle = null;
  }
}

/**
 * Kysely's SQLite dialect that tells the WAL's helpers about writes: with a WalFsync, a write resolves
 * only after it is on disk; with a WalCheckpointer (wal-checkpoint.ts), writes pace its checkpoints.
 */
export class WalSqliteDialect extends SqliteDialect {
  constructor(
    config: SqliteDialectConfig,
    private readonly wal: WalFsync | null,
    private readonly checkpointer: WalCheckpointer | null,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new WalDriver(super.createDriver(), this.wal, this.checkpointer);
  }
}

/**
 * Wraps the SQLite driver: a connection that ran a write (any statement executed with `run`, COMMIT
 * included) counts towards the next checkpoint and syncs the WAL after it is released, so other
 * requests use the connection meanwhile and their commits join the same fsync.
 */
class WalDriver implements Driver {
  private wrapped: DatabaseConnection | null = null;
  private inner: DatabaseConnection | null = null;
  /** SQLite has one connection and the driver's mutex hands it out exclusively: one flag suffices. */
  private wrote = false;

  constructor(
    private readonly driver: Driver,
    private readonly wal: WalFsync | null,
    private readonly checkpointer: WalCheckpointer | null,
  ) {}

  init(): Promise<void> {
    return this.driver.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const c = await this.driver.acquireConnection();
    if (c !== this.inner) {
      this.inner = c;
      this.wrapped = {
        executeQuery: async <R>(q: Parameters<DatabaseConnection['executeQuery']>[0]): Promise<QueryResult<R>> => {
          const r = await c.executeQuery<R>(q);
          // Writes go through better-sqlite3's run(), which reports affected rows; reads do not.
          if (r.numAffectedRows !== undefined) this.wrote = true;
          return r;
        },
        streamQuery: (q, chunkSize) => c.streamQuery(q, chunkSize),
      };
    }
    return this.wrapped!;
  }

  beginTransaction(c: DatabaseConnection, s: TransactionSettings): Promise<void> {
    return this.driver.beginTransaction(c, s);
  }

  commitTransaction(c: DatabaseConnection): Promise<void> {
    return this.driver.commitTransaction(c);
  }

  rollbackTransaction(c: DatabaseConnection): Promise<void> {
    return this.driver.rollbackTransaction(c);
  }

  async releaseConnection(c: DatabaseConnection): Promise<void> {
    const wrote = this.wrote;
    this.wrote = false;
    await this.driver.releaseConnection(c);
    if (!wrote) return;
    this.checkpointer?.wrote();
    if (this.wal) await this.wal.sync();
  }

  async destroy(): Promise<void> {
    // The checkpointer's connection goes first, so the service's, closing last, checkpoints and removes the WAL.
    await this.checkpointer?.close();
    await this.wal?.close();
    await this.driver.destroy();
  }
}
