import { Logger } from '@nestjs/common';
import type BetterSqlite3 from 'better-sqlite3';
import { once } from 'events';
import { Worker } from 'worker_threads';

/** SQLite's own default: an automatic checkpoint once the WAL holds this many pages. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;
/**
 * After this many writing transactions the worker checkpoints. A moderation's commit dirties about
 * 15 pages (record, its policy rows, the outbox event and their indexes), so 64 of them are about
 * SQLite's 1000-page default.
 */
const WRITES_PER_CHECKPOINT = 64;
/**
 * A PASSIVE checkpoint copies the WAL but cannot make the writer start it over while commits keep
 * arriving (SQLite restarts the WAL only when a write begins with every frame copied). Once the WAL
 * holds this many pages (32 MB at 4 KB pages) the worker follows with a RESTART checkpoint, which
 * holds new writes back while it copies what the PASSIVE one left (a few commits' pages) and syncs.
 */
const RESTART_PAGES = 8192;
/** After a WAL reset SQLite truncates the file to this size (bytes), so one burst does not keep a large file. */
const JOURNAL_SIZE_LIMIT = 16 * 1024 * 1024;

export interface CheckpointOptions {
  /** Writing transactions between checkpoints. */
  every: number;
  /** WAL size, in pages, from which a RESTART follows the PASSIVE checkpoint. */
  restartPages: number;
}

/**
 * The checkpointing thread. Plain JavaScript evaluated as the worker's source: it needs nothing but
 * better-sqlite3, and so runs the same from dist/ and from TypeScript sources (jest, ts-node).
 * PASSIVE copies what it can without waiting for, or blocking, the service's connection; RESTART (see
 * RESTART_PAGES) briefly holds its writes back.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    let [r] = db.pragma('wal_checkpoint(PASSIVE)');
    const restart = r.log >= workerData.restartPages;
    if (restart) [r] = db.pragma('wal_checkpoint(RESTART)');
    parentPort.postMessage({ ok: true, restart, log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: String((e && e.message) || e) });
  }
});
`;

/**
 * Checkpoints the SQLite WAL on a worker thread instead of inside COMMIT on the HTTP thread.
 *
 * SQLite's automatic checkpoint runs in the connection whose COMMIT pushes the WAL past 1000 pages:
 * it copies the WAL into the database file and syncs it, on the caller's thread. Measured with this
 * schema's shape on the 2-core machine, that made the average commit about three times as costly
 * (130 -> 370-450 us) and the worst commits 24-33 ms, time during which the event loop served nobody.
 * Here the service's connection has automatic checkpoints off (`wal_autocheckpoint=0`) and a second
 * connection on a worker thread runs a PASSIVE checkpoint after every WRITES_PER_CHECKPOINT writing
 * transactions, and a RESTART one when the WAL has grown past RESTART_PAGES. Durability is
 * unchanged: commits are durable through the WAL (see wal-fsync.ts), a checkpoint only moves them into
 * the main file. Should the worker fail, the connection goes back to
 * SQLite's automatic checkpoints, so the WAL never grows without bound.
 */
export class WalCheckpointer {
  private readonly log = new Logger('WalCheckpointer');
  private worker: Worker | null;
  private readonly every: number;
  private writes = 0;
  private inFlight = false;
  private closing = false;
  /** Checkpoints completed, and how many of them restarted the WAL; read by tests. */
  count = 0;
  restarts = 0;
  /** Frames the last checkpoint found in the WAL and copied (SQLite's log / checkpointed). */
  last: { log: number; checkpointed: number } | null = null;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    file: string,
    opts: Partial<CheckpointOptions> = {},
  ) {
    this.every = opts.every ?? WRITES_PER_CHECKPOINT;
    const restartPages = opts.restartPages ?? RESTART_PAGES;
    sqlite.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
    sqlite.pragma('wal_autocheckpoint = 0');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file, restartPages } });
    worker.unref();
    worker.on('message', (m: { ok: boolean; restart?: boolean; log?: number; checkpointed?: number; error?: string }) => {
      this.inFlight = false;
      if (m.ok) {
        this.count++;
        if (m.restart) this.restarts++;
        this.last = { log: m.log!, checkpointed: m.checkpointed! };
      } else this.log.warn(`WAL checkpoint failed: ${m.error}`);
      if (this.writes >= this.every && this.worker) this.request();
    });
    worker.on('error', (e) => this.fallBack(`worker failed: ${e.message}`));
    worker.on('exit', (code) => {
      if (!this.closing) this.fallBack(`worker exited with code ${code}`);
    });
    this.worker = worker;
  }

  /** Whether checkpoints run on the worker (false after it failed: SQLite's automatic ones again). */
  get active(): boolean {
    return this.worker !== null;
  }

  /** Whether a checkpoint is running on the worker now. */
  get running(): boolean {
    return this.inFlight;
  }

  /** Called after each transaction (or single statement) that wrote. */
  wrote(): void {
    if (++this.writes >= this.every && !this.inFlight && this.worker) this.request();
  }

  private request(): void {
    this.writes = 0;
    this.inFlight = true;
    this.worker!.postMessage('checkpoint');
  }

  private fallBack(reason: string): void {
    if (!this.worker) return;
    this.worker = null;
    this.inFlight = false;
    if (this.closing || !this.sqlite.open) return;
    this.log.warn(`${reason}; SQLite checkpoints on commit again`);
    this.sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  }

  /** Stops the worker (before the service's connection closes, which then checkpoints a last time). */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const w = this.worker;
    this.worker = null;
    if (!w) return;
    // Referenced again: an unreferenced worker would let the process exit before this close finished.
    w.ref();
    const exited = once(w, 'exit');
    w.postMessage('close');
    await exited;
  }
}
