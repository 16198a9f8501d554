import { ChildProcess, spawn } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import * as ts from 'typescript';
import { waitFor } from './wait';

const ROOT = path.join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !/[.-]spec\.ts$/.test(e.name) ? [p] : [];
  });
}

/**
 * The service as a real process needs JavaScript: ts-node takes ~4x longer to start. This transpiles
 * src/ once per source state (no type check, like the tests' own ts-jest isolatedModules) into
 * .cache/e2e-service/<hash>/src, inside the repository so node_modules resolves.
 */
export function buildService(): string {
  const files = sources(path.join(ROOT, 'src')).sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(fs.readFileSync(f));
  const out = path.join(ROOT, '.cache', 'e2e-service', hash.digest('hex').slice(0, 16));
  const main = path.join(out, 'src', 'main.js');
  if (fs.existsSync(main)) return main;
  const tmp = `${out}.tmp-${process.pid}`;
  const options: ts.CompilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, emitDecoratorMetadata: true, experimentalDecorators: true, esModuleInterop: true, allowSyntheticDefaultImports: true, isolatedModules: true };
  for (const f of files) {
    const js = ts.transpileModule(fs.readFileSync(f, 'utf8'), { compilerOptions: options, fileName: f }).outputText;
    const dest = path.join(tmp, path.relative(ROOT, f)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, js);
  }
  try {
    fs.renameSync(tmp, out);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another worker built the same state first
  }
  return main;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * Starts the service expecting it to refuse to start (bad configuration): resolves with its exit code
 * and everything it printed. Rejects if it is still running after `timeoutMs`.
 */
export async function startToExit(env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [buildService()], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', PORT: String(await freePort()), LOG_LEVEL: 'warn', POLICIES_WATCH: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the service was still running after ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
    // 'close', not 'exit': it comes once the output pipes are drained too.
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * One clipguard instance in its own process, killable with SIGKILL like a crashed machine.
 * Every instance is registered from its spawn until it exits, so a spec's afterAll can end all of them
 * with killAll(), including one whose start was still in flight when a test failed or timed out.
 */
export class ServiceProcess {
  private static readonly alive = new Set<ServiceProcess>();
  private output = '';
  private stdoutOnly = '';
  private exited?: Promise<void>;

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (d) => {
      this.output += d;
      this.stdoutOnly += d;
    });
    child.stderr?.on('data', (d) => (this.output += d));
    ServiceProcess.alive.add(this);
    this.exited = new Promise((r) =>
      child.once('exit', () => {
        ServiceProcess.alive.delete(this);
        r();
      }),
    );
  }

  /** SIGKILLs every instance this test file started that is still running, started or starting. */
  static async killAll(): Promise<void> {
    await Promise.all([...ServiceProcess.alive].map((p) => p.kill()));
  }

  /** How many instances this test file started are still running. */
  static running(): number {
    return ServiceProcess.alive.size;
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(name: string, env: Record<string, string>): Promise<ServiceProcess> {
    const main = buildService();
    const port = await freePort();
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', PORT: String(port), INSTANCE_ID: name, LOG_LEVEL: 'warn', POLICIES_WATCH: 'false', CLIP_INTRA_OP_THREADS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const svc = new ServiceProcess(name, port, child);
    let dead = false;
    void svc.exited!.then(() => (dead = true));
    try {
      await waitFor(`${name} to be live`, async () => {
        if (dead) throw new Error(`${name} exited during start-up:\n${svc.output.slice(-2000)}`);
        const res = await fetch(`${svc.url}/health/live`).catch(() => null);
        return res?.ok;
      }, 90_000, 100);
    } catch (e) {
      await svc.kill();
      throw e;
    }
    return svc;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** stdout and stderr, interleaved as they came. */
  get log(): string {
    return this.output;
  }

  /** stdout alone: the structured log. */
  get stdout(): string {
    return this.stdoutOnly;
  }

  /** SIGKILL: no shutdown hooks, no draining; whatever was in flight is cut off. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** The environment every test instance shares: fast schedules, loopback allowlisted, the integration policies. */
export function serviceEnv(keys: { name: string; key: string; roles: string[] }[], extra: Record<string, string>): Record<string, string> {
  return {
    API_KEYS: keys.map((k) => `${k.name}:${k.key}:${k.roles.join('|')}`).join(','),
    POLICIES_DIR: path.join(ROOT, 'test', 'fixtures', 'integration-policies'),
    FETCH_ALLOW_CIDRS: '127.0.0.1/32',
    JOBS_POLL_MS: '30',
    JOBS_LEASE_MS: '1000',
    JOBS_RETRY_BASE_MS: '20',
    WEBHOOK_POLL_MS: '30',
    WEBHOOK_TIMEOUT_MS: '800',
    WEBHOOK_RETRY_BASE_MS: '50',
    WEBHOOK_RETRY_MAX_DELAY_MS: '400',
    ...extra,
  };
}
