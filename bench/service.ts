import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { addHundredPrompts } from './prompts';

const ROOT = path.join(__dirname, '..');

/** VmHWM (peak resident set) of a live process, in MB. */
export function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** utime + stime of a process in ms (Linux clock ticks are 10 ms). */
export function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

export interface ServiceRuntime {
  nodeBin: string;
  /** A project tree whose node_modules were installed by nodeBin (better-sqlite3 is per Node ABI). */
  root: string;
}

/** The service (dist/main.js) in its own process, as deployed: records, metrics and all. */
export class ServiceProcess {
  readonly base: string;
  private child?: ChildProcess;
  startMs = NaN;

  constructor(
    private readonly env: Record<string, string>,
    readonly port = 18000 + Math.floor(Math.random() * 2000),
    /** V8 flags for this service (a sweep row's); BENCH_NODE_ARGS come after them and win. */
    private readonly extraNodeArgs: string[] = [],
    /** Another Node.js and the tree installed for it (see runtime.ts); default: this one, this tree. */
    private readonly runtime: ServiceRuntime = { nodeBin: process.execPath, root: ROOT },
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const t0 = performance.now();
    const { UV_THREADPOOL_SIZE, ...rest } = this.env;
    // BENCH_NODE_ARGS: V8 flags for the service only (e.g. --trace-gc, which NODE_OPTIONS refuses).
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.child = spawn(this.runtime.nodeBin, [...this.extraNodeArgs, ...nodeArgs, path.join(this.runtime.root, 'dist', 'main.js')], {
      cwd: this.runtime.root,
      env: { ...process.env, ...(UV_THREADPOOL_SIZE ? { UV_THREADPOOL_SIZE } : {}), ...rest, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    for (let i = 0; i < 1200; i++) {
      if (this.child.exitCode !== null) throw new Error(`service exited with ${this.child.exitCode}`);
      try {
        if ((await fetch(`${this.base}/health/ready`)).ok) {
          this.startMs = performance.now() - t0;
          return;
        }
      } catch {
        /* not listening yet */
      }
      await sleep(100);
    }
    throw new Error('service did not become ready');
  }

  /**
   * From one scrape of /metrics (prom-client resets its event-loop histogram on each scrape, so a
   * second scrape would read an empty one): the p99 event-loop delay since the previous scrape, and
   * the count of full (mark-compact) garbage collections so far.
   *
   * prom-client samples with monitorEventLoopDelay({ resolution: 10 }), whose histogram holds the
   * whole interval between ticks (an idle loop reads 10.0x ms): the delay is that minus the 10 ms.
   */
  async scrape(): Promise<{ eventLoopP99: number; majorGcs: number }> {
    const text = await (await fetch(`${this.base}/metrics`)).text();
    const lag = /^nodejs_eventloop_lag_p99_seconds (\S+)/m.exec(text);
    const gcs = /^nodejs_gc_duration_seconds_count\{kind="major"\} (\S+)/m.exec(text);
    return { eventLoopP99: lag ? Math.max(0, Number(lag[1]) * 1000 - EVENT_LOOP_RESOLUTION_MS) : NaN, majorGcs: gcs ? Number(gcs[1]) : 0 };
  }

  /** p99 event-loop delay since the previous scrape (see scrape()). */
  async eventLoopP99(): Promise<number> {
    return (await this.scrape()).eventLoopP99;
  }

  async policyVersion(): Promise<string> {
    const r = await fetch(`${this.base}/v1/policies`);
    return ((await r.json()) as { version: string }).version;
  }

  /** Rewrites the policy file with 100 new prompts and times until /v1/policies serves the new version. */
  async hotReload(policiesDir: string): Promise<{ ms: number; version: string }> {
    const before = await this.policyVersion();
    const t0 = performance.now();
    addHundredPrompts(policiesDir, `r${Date.now().toString(36)}`);
    while (performance.now() - t0 < 120_000) {
      const v = await this.policyVersion();
      if (v !== before) return { ms: performance.now() - t0, version: v };
      await sleep(10);
    }
    return { ms: NaN, version: before };
  }

  /** CPU time of the whole service process (every thread), in ms, from /proc/<pid>/stat. */
  cpuMs(): number {
    return this.child?.pid ? processCpuMs(this.child.pid) : NaN;
  }

  peakRssMb(): number {
    return this.child?.pid ? peakRssMb(this.child.pid) : NaN;
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    c.kill('SIGTERM');
    await new Promise((r) => c.once('exit', r));
  }
}

/** prom-client's default eventLoopMonitoringPrecision. */
export const EVENT_LOOP_RESOLUTION_MS = 10;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
