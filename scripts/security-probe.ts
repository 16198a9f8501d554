/**
 * Measures, from outside and over HTTP, the two figures of the security issue (docs/security.md):
 *
 * 1. flood: a 27.9 MB `[{},{},...]` JSON body to POST /v1/reviews/next with no key. Prints the time to
 *    the answer's status line and the server's RSS growth (peak during the request, from /proc).
 * 2. stall: an authenticated ingest client's p50 latency (sequential raw-PNG moderations) idle, then
 *    with 64 unauthenticated uploads open and stalled mid-body. Prints both and their ratio.
 *
 *   npm run security:probe                                   # spawns dist/main.js with its own keys
 *   npm run security:probe -- --url http://host:8080 --pid <server pid> --key <ingest key>
 *
 * Options: --stalled N (64), --requests N (40, per p50), --pid (RSS needs the server's pid: same host).
 * Exits 1 when a target is missed (401 in < 50 ms, RSS growth < 50 MB, p50 ratio <= 2).
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const STALLED = Number(arg('stalled') ?? 64);
const REQUESTS = Number(arg('requests') ?? 40);
const INGEST_KEY = arg('key') ?? 'probe-ingest-0123456789abcdef';
const MiB = 2 ** 20;

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

async function startServer(): Promise<{ url: string; pid: number; child: ChildProcess }> {
  const main = path.join(ROOT, 'dist', 'main.js');
  if (!fs.existsSync(main)) throw new Error('dist/main.js is missing: run `npm run build` (npm run security:probe does)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-probe-'));
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, POLICIES_WATCH: 'false', LOG_LEVEL: 'log', API_KEYS: `probe:${INGEST_KEY}:ingest` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^ "]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out.slice(-2000)}`)));
  });
  child.stdout!.resume();
  return { url, pid: child.pid!, child };
}

/**
 * Sends `body` and resolves at the status line (the body may still be uploading). Keep-alive, as
 * browsers and most clients send it: with `Connection: close` the server closes after answering and
 * the client's pending write fails (EPIPE), which hides the answer's timing.
 */
function statusOf(url: URL, pathname: string, headers: http.OutgoingHttpHeaders, body: Buffer): Promise<{ status: number; ms: number }> {
  const agent = new http.Agent({ keepAlive: true });
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request({ host: url.hostname, port: url.port, path: pathname, method: 'POST', headers: { ...headers, 'content-length': body.length }, agent }, (res) => {
      resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 });
      res.resume();
      req.destroy();
      agent.destroy();
    });
    req.on('error', (e) => (['ECONNRESET', 'EPIPE'].includes((e as NodeJS.ErrnoException).code ?? '') ? resolve({ status: 0, ms: performance.now() - t0 }) : reject(e)));
    req.end(body);
  });
}

async function flood(url: URL, pid?: number): Promise<boolean> {
  const count = Math.floor((27.9e6 - 2) / 3);
  const body = Buffer.from(`[${'{},'.repeat(count)}{}]`);
  const small = await statusOf(url, '/v1/reviews/next', { 'content-type': 'application/json' }, Buffer.from('{}'));
  console.log(`flood: the same route with a 2-byte body, no key: ${small.status} in ${small.ms.toFixed(1)} ms`);
  let ok = true;
  for (let round = 1; round <= 3; round++) {
    const before = pid ? rssOf(pid) : NaN;
    let peak = before;
    const sampler = pid ? setInterval(() => (peak = Math.max(peak, rssOf(pid))), 2) : undefined;
    const r = await statusOf(url, '/v1/reviews/next', { 'content-type': 'application/json' }, body);
    // The server discards the rest of the upload; keep sampling while it does.
    await new Promise((res) => setTimeout(res, 500));
    clearInterval(sampler);
    const growth = (peak - before) / MiB;
    console.log(`flood ${round}: ${(body.length / 1e6).toFixed(1)} MB [{},...] to POST /v1/reviews/next, no key: ${r.status} in ${r.ms.toFixed(1)} ms; RSS ${pid ? `${(before / MiB).toFixed(0)} MiB -> peak ${(peak / MiB).toFixed(0)} MiB (+${growth.toFixed(1)} MiB)` : 'not measured (no --pid)'}`);
    ok &&= r.status === 401 && r.ms < 50 && (!pid || growth < 50);
  }
  return ok;
}

async function p50(url: URL, png: Buffer): Promise<number> {
  const times: number[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: '/v1/moderations', method: 'POST', agent, headers: { 'content-type': 'image/png', 'content-length': png.length, authorization: `Bearer ${INGEST_KEY}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(png);
    });
    if (status !== 200) throw new Error(`authenticated moderation answered ${status}`);
    times.push(performance.now() - t0);
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function stall(url: URL): Promise<boolean> {
  const png = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'images', 'twemoji-dog-face.png'));
  await p50(url, png); // warm-up
  const idle = await p50(url, png);
  let answered = 0;
  const stalled = await Promise.all(
    Array.from({ length: STALLED }, () => {
      const req = http.request({ host: url.hostname, port: url.port, path: '/v1/moderations', method: 'POST', agent: false, headers: { 'content-type': 'image/png', 'content-length': 1024 * 1024 } });
      req.on('response', (res) => {
        answered++;
        res.resume();
      });
      req.on('error', () => undefined);
      req.write(Buffer.alloc(1024));
      return new Promise<http.ClientRequest>((resolve) => req.once('socket', (s) => s.once('connect', () => resolve(req))));
    }),
  );
  const loaded = await p50(url, png);
  for (const r of stalled) r.destroy();
  const ratio = loaded / idle;
  console.log(`stall: ingest p50 idle ${idle.toFixed(1)} ms; with ${STALLED} unauthenticated stalled uploads open (${answered} already answered) ${loaded.toFixed(1)} ms; ratio ${ratio.toFixed(2)}`);
  return ratio <= 2;
}

async function main(): Promise<void> {
  const given = arg('url');
  const server = given ? undefined : await startServer();
  const url = new URL(given ?? server!.url);
  const pid = server?.pid ?? (arg('pid') ? Number(arg('pid')) : undefined);
  try {
    const ok = [await flood(url, pid), await stall(url)];
    console.log(ok.every(Boolean) ? 'all targets met' : 'TARGET MISSED');
    process.exitCode = ok.every(Boolean) ? 0 : 1;
  } finally {
    server?.child.kill('SIGTERM');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
