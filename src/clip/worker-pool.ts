import * as path from 'path';
import { Worker } from 'worker_threads';
import { ClipError, ModelLoadError } from './clip.types';
import type { WorkerConfig, WorkerJob, WorkerReply } from './worker/protocol';

/** `lone: false`: the caller knows of more images on their way, so the job does not take the solo session. */
export type PoolJob = { kind: 'image'; data: Float32Array | Uint8Array; count: number; lone?: boolean } | { kind: 'text'; ids: BigInt64Array; count: number };
export interface PoolResult {
  data: Float32Array;
  inferenceMs: number;
  /** Intra-op threads of the session that ran it: the solo session's for a lone image on worker 0. */
  threads: number;
  /** The run inside the worker, on process.hrtime's clock (shared by all threads). */
  startedNs: bigint;
  endedNs: bigint;
}

interface Pending {
  job: WorkerJob;
  resolve: (r: PoolResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  index: number;
  worker?: Worker;
  ready: boolean;
  current?: Pending;
  failures: number;
  /** Set by close(): called when the running job settles. */
  onFree?: () => void;
  /** Settles when the worker being started is ready or has failed. */
  starting?: Promise<void>;
  watchdog?: NodeJS.Timeout;
}

/**
 * Starts the worker. Compiled (dist/*.js) it is loaded directly; from sources (jest, ts-node) the
 * worker thread has no TypeScript loader of its own, so an eval'd bootstrap registers ts-node first.
 * No extra .js file to copy into dist, and both paths load the very same worker module.
 */
function spawn(config: WorkerConfig): Worker {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, 'worker', `inference.worker${ext}`);
  if (ext !== '.ts') return new Worker(file, { workerData: config });
  // Resolved here: an eval'd worker resolves bare names from the cwd, which need not be the project.
  const tsNode = require.resolve('ts-node');
  const boot =
    `require(${JSON.stringify(tsNode)}).register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });` +
    `require(${JSON.stringify(file)});`;
  return new Worker(boot, { eval: true, workerData: config });
}

const MAX_RESPAWN_DELAY_MS = 5000;

async function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/**
 * A fixed set of inference workers. A worker runs one job at a time; extra jobs wait here in FIFO
 * order. With `soloThreads` set, worker 0 also holds a vision session with that many threads and runs
 * an image job on it when that job is the pool's only one (nothing else running or waiting, and its
 * caller expecting no more images: PoolJob.lone): a lone image gets every core, a full load one
 * single-threaded session per worker. When a worker dies its job fails with 'model_unavailable' (the
 * caller may retry) and a fresh worker replaces it, so one native crash does not take the service down.
 */
export class WorkerPool {
  private readonly slots: Slot[];
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** Called whenever a worker becomes free with nothing queued here: the image batcher pumps on it. */
  onIdle?: () => void;
  onWorkerError?: (index: number, message: string) => void;
  /** A job running longer than this is taken for a hung worker, which is terminated and replaced (0: never). */
  jobTimeoutMs = 0;
  /** Hung workers detached by the watchdog and not yet back (see abandon). */
  abandoned = 0;

  constructor(
    private readonly config: WorkerConfig,
    size: number,
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, (_, index) => ({ index, ready: false, failures: 0 }));
  }

  /** Resolves when every worker has opened and warmed up its sessions; a bad graph rejects with ModelLoadError. */
  async start(): Promise<void> {
    try {
      await Promise.all(this.slots.map((s) => this.startSlot(s)));
    } catch (e) {
      await this.close();
      throw e;
    }
  }

  get size(): number {
    return this.slots.length;
  }
  get alive(): number {
    return this.slots.filter((s) => s.ready).length;
  }
  get busy(): number {
    return this.slots.filter((s) => s.current).length;
  }
  idleCount(): number {
    return this.waiting.length ? 0 : this.slots.filter((s) => s.ready && !s.current).length;
  }

  run(job: PoolJob): Promise<PoolResult> {
    if (this.closed) return Promise.reject(new ClipError('model_unavailable', 'inference pool is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ job: { ...job, id: this.nextId++ } as WorkerJob, resolve, reject });
      this.drain();
    });
  }

  /** Test hook: kill a worker as a native crash would. */
  terminateWorker(index: number): Promise<number> {
    return this.slots[index].worker!.terminate();
  }
  /** Test hook: index of a worker currently running a job, if any. */
  busyWorkerIndex(): number | undefined {
    return this.slots.find((s) => s.current)?.index;
  }

  /**
   * Stops the workers. A job already running is allowed to finish (up to graceMs): terminating a
   * worker while onnxruntime-node is inside a native run aborts the whole process (measured with
   * ViT-B/32: SIGABRT, "terminate called after throwing an instance of 'Napi::Error'"), and so does
   * one still opening its sessions (ViT-B/32 takes 15-20 s on a busy 2-core box, hence the default).
   * A worker still busy or starting after the grace period is unref'd and left to the process exit,
   * which then aborts the same way: there is no clean way out of a native run, only waiting.
   */
  async close(graceMs = 30_000): Promise<void> {
    this.closed = true;
    const err = new ClipError('model_unavailable', 'inference pool is closing');
    for (const p of this.waiting.splice(0)) p.reject(err);
    await Promise.all(
      this.slots.map(async (s) => {
        clearTimeout(s.watchdog);
        // A worker still opening its sessions is inside native code too (same abort): let it finish.
        if (s.worker && !s.ready && s.starting) await withTimeout(s.starting, graceMs);
        if (s.current) {
          const job = s.current;
          await withTimeout(new Promise<void>((r) => (s.onFree = r)), graceMs);
          if (s.current === job) {
            s.current = undefined;
            job.reject(err);
            s.worker?.unref();
            s.worker = undefined;
          }
        }
        const w = s.worker;
        const stillStarting = w && !s.ready;
        s.ready = false;
        s.worker = undefined;
        if (stillStarting) w.unref();
        else if (w) await w.terminate();
      }),
    );
  }

  private drain(): void {
    for (const slot of this.slots) {
      if (!this.waiting.length) break;
      if (!slot.ready || slot.current || !slot.worker) continue;
      const alone = this.busy === 0;
      const p = this.waiting.shift()!;
      slot.current = p;
      if (p.job.kind === 'image') p.job.solo = slot.index === 0 && this.config.soloThreads > 0 && alone && !this.waiting.length && p.job.lone !== false;
      const transfer = p.job.kind === 'image' ? [p.job.data.buffer as ArrayBuffer] : [p.job.ids.buffer as ArrayBuffer];
      slot.worker.postMessage(p.job, transfer);
      if (this.jobTimeoutMs > 0) {
        const worker = slot.worker;
        slot.watchdog = setTimeout(() => {
          if (slot.current === p && slot.worker === worker) this.abandon(slot, worker);
        }, this.jobTimeoutMs).unref();
      }
    }
    if (!this.waiting.length && this.idleCount() > 0) this.onIdle?.();
  }

  private startSlot(slot: Slot): Promise<void> {
    const starting = this.spawnSlot(slot);
    slot.starting = starting.catch(() => undefined);
    return starting;
  }

  private spawnSlot(slot: Slot): Promise<void> {
    return new Promise((resolve, reject) => {
      // Only worker 0 holds the solo session: it is the one drain() tries first.
      const worker = spawn(slot.index === 0 ? this.config : { ...this.config, soloThreads: 0 });
      slot.worker = worker;
      let settled = false;
      const fail = (e: Error) => {
        if (!settled) {
          settled = true;
          reject(e);
        }
      };
      worker.on('message', (msg: WorkerReply) => {
        if (msg.type === 'ready') {
          slot.ready = true;
          slot.failures = 0;
          settled = true;
          resolve();
          this.drain();
        } else if (msg.type === 'init_error') {
          fail(new ModelLoadError(msg.path, msg.message));
          void worker.terminate();
        } else if (msg.type === 'result' || msg.type === 'job_error') {
          const p = slot.current;
          if (!p || p.job.id !== msg.id) return;
          slot.current = undefined;
          clearTimeout(slot.watchdog);
          if (msg.type === 'result') p.resolve({ data: msg.data, inferenceMs: msg.inferenceMs, startedNs: msg.startedNs, endedNs: msg.endedNs, threads: msg.threads });
          else p.reject(new ClipError('model_unavailable', `inference failed: ${msg.message}`));
          slot.onFree?.();
          this.drain();
        }
      });
      worker.on('error', (e) => this.onWorkerError?.(slot.index, e.message));
      worker.on('exit', (code) => {
        if (slot.worker !== worker) return;
        fail(new ModelLoadError(this.config.visionPath, `inference worker exited during start-up (code ${code})`));
        this.handleDeath(slot, code);
      });
    });
  }

  /**
   * Replaces a hung worker. It is not terminated: terminating a worker thread while onnxruntime-node
   * is inside a native run aborts the whole process. It is detached (its job fails now, a fresh worker
   * takes the slot) and terminated once it comes back to JavaScript, if it ever does.
   */
  private abandon(slot: Slot, worker: Worker): void {
    const p = slot.current;
    slot.current = undefined;
    slot.ready = false;
    slot.worker = undefined;
    this.abandoned++;
    worker.removeAllListeners('message');
    worker.on('message', () => void worker.terminate().finally(() => this.abandoned--));
    worker.unref();
    p?.reject(new ClipError('model_unavailable', `inference worker ${slot.index} ran over ${this.jobTimeoutMs} ms and was replaced`));
    this.onWorkerError?.(slot.index, `job ran over ${this.jobTimeoutMs} ms; replacing the hung worker (${this.abandoned} abandoned)`);
    if (!this.closed) this.startSlot(slot).catch((e: Error) => this.onWorkerError?.(slot.index, e.message));
  }

  private handleDeath(slot: Slot, code: number): void {
    const p = slot.current;
    slot.current = undefined;
    clearTimeout(slot.watchdog);
    slot.ready = false;
    slot.worker = undefined;
    p?.reject(new ClipError('model_unavailable', `inference worker ${slot.index} stopped (exit code ${code})`));
    slot.onFree?.();
    if (this.closed) return;
    this.onWorkerError?.(slot.index, `worker exited with code ${code}; respawning`);
    // Back off when a worker keeps dying (e.g. out of memory), instead of spinning.
    const delay = Math.min(MAX_RESPAWN_DELAY_MS, slot.failures === 0 ? 0 : 100 * 2 ** slot.failures);
    slot.failures++;
    setTimeout(() => {
      if (this.closed) return;
      this.startSlot(slot).catch((e: Error) => this.onWorkerError?.(slot.index, e.message));
    }, delay).unref();
  }
}
