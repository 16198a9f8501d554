/**
 * Soak test: measures the service's capacity, then drives it at twice that rate (open loop: requests
 * keep coming whether or not earlier ones were answered, as real traffic does) for a while, printing
 * the server's RSS over time. Passes when every request got an HTTP answer (200, or a fast 503/429
 * with Retry-After), nothing else failed, the server is still live, and RSS stayed flat.
 *
 *   npm run soak                          # spawns the real server (ts-node), 10 minutes at 2x capacity
 *   npm run soak -- --duration 60         # one minute
 *   npm run soak -- --url http://host:8080 --key <api key> --duration 600
 *
 * Options: --duration S (600), --factor F (2), --capacity-seconds S (20), --concurrency C (16, for the
 * capacity phase), --sample S (10, RSS print interval), --max-rss-growth R (0.25: end RSS may exceed
 * the RSS after warm-up by at most 25%), --dist (spawn dist/main.js; run `npm run build` first).
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import sharp from 'sharp';

const ROOT = path.join(__dirname, '..');

function opt(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}
function optStr(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const duration = opt('duration', 600);
const factor = opt('factor', 2);
const capacitySeconds = opt('capacity-seconds', 20);
const concurrency = opt('concurrency', 16);
const sampleEvery = opt('sample', 10);
const maxGrowth = opt('max-rss-growth', 0.25);
const key = optStr('key');
const mb = (n: number) => `${Math.round(n / 2 ** 20)} MiB`;

async function startServer(): Promise<{ url: string; child: ChildProcess; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-soak-'));
  const args = process.argv.includes('--dist') ? ['dist/main.js'] : ['-r', 'ts-node/register/transpile-only', 'src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, POLICIES_WATCH: 'false', LOG_LEVEL: 'log', API_KEYS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // Only warnings and errors reach our console; stdout is parsed for the listening address.
  child.stderr!.on('data', (d) => process.stderr.write(d));
  child.stdout!.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n')) if (/\b(WARN|ERROR)\b/.test(line) && !/PolicyRegistry/.test(line)) process.stdout.write(`server: ${line}\n`);
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^ "]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
  });
  return { url, child, dataDir };
}

async function bodies(): Promise<{ data: Buffer; type: string }[]> {
  const dir = path.join(ROOT, 'test', 'fixtures', 'images');
  const pngs = fs.readdirSync(dir).filter((f) => f.startsWith('twemoji-')).map((f) => fs.readFileSync(path.join(dir, f)));
  const out = pngs.map((data) => ({ data, type: 'image/png' }));
  out.push({ data: await sharp(pngs[0]).flatten({ background: '#fff' }).jpeg().toBuffer(), type: 'image/jpeg' });
  out.push({ data: await sharp(pngs[1]).webp().toBuffer(), type: 'image/webp' });
  out.push({ data: await sharp(pngs.slice(0, 4), { join: { animated: true } }).gif().toBuffer(), type: 'image/gif' });
  return out;
}

interface Outcome {
  status: number;
  code?: string;
  retryAfter?: string | null;
  ms: number;
  error?: string;
}

/** p50/p99 upper bucket bounds of the server's own latency histogram for 200 answers of /v1/moderations. */
function serverQuantiles(metrics: string): { p50: string; p99: string; count: number } {
  const buckets: { le: string; n: number }[] = [];
  for (const m of metrics.matchAll(/^http_request_duration_seconds_bucket\{([^}]*)\} (\S+)$/gm)) {
    if (!m[1].includes('route="/v1/moderations"') || !m[1].includes('status="200"') || !m[1].includes('method="POST"')) continue;
    buckets.push({ le: /le="([^"]+)"/.exec(m[1])![1], n: Number(m[2]) });
  }
  const count = buckets.at(-1)?.n ?? 0;
  const q = (p: number) => buckets.find((b) => b.n >= p * count)?.le ?? '?';
  return { p50: q(0.5), p99: q(0.99), count };
}

async function main(): Promise<void> {
  let url = optStr('url');
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  if (!url) {
    console.log('starting the server...');
    server = await startServer();
    url = server.url;
  }
  console.log(`target ${url}`);
  const headers = (type: string): Record<string, string> => ({ 'content-type': type, ...(key ? { authorization: `Bearer ${key}` } : {}) });
  const gauge = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  /** RSS and where it goes: V8 heap in use, memory outside the heap (buffers, WebAssembly), and the search index's vectors. */
  const memory = async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    return {
      rss: gauge(text, 'process_resident_memory_bytes'),
      heap: gauge(text, 'nodejs_heap_size_used_bytes'),
      external: gauge(text, 'nodejs_external_memory_bytes'),
      index: gauge(text, 'search_index_vector_bytes'),
      rows: gauge(text, 'search_index_rows'),
    };
  };
  const pool = await bodies();
  let n = 0;
  const one = async (): Promise<Outcome> => {
    const b = pool[n++ % pool.length];
    const t = performance.now();
    try {
      const res = await fetch(`${url}/v1/moderations`, { method: 'POST', body: b.data, headers: headers(b.type), signal: AbortSignal.timeout(120_000) });
      const body = (await res.json().catch(() => ({}))) as { code?: string };
      return { status: res.status, code: body.code, retryAfter: res.headers.get('retry-after'), ms: performance.now() - t };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      return { status: 0, error: err.cause?.code ?? err.cause?.message ?? err.name, ms: performance.now() - t };
    }
  };

  // Phase 1: capacity, closed loop.
  console.log(`measuring capacity: ${concurrency} clients for ${capacitySeconds} s`);
  let ok = 0;
  const end1 = performance.now() + capacitySeconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end1) if ((await one()).status === 200) ok++;
    }),
  );
  const capacity = ok / capacitySeconds;
  const rate = capacity * factor;
  console.log(`capacity ${capacity.toFixed(1)} req/s; driving ${rate.toFixed(1)} req/s (${factor}x) for ${duration} s`);

  // Phase 2: open loop at factor x capacity.
  const outcomes: Outcome[] = [];
  const pending = new Set<Promise<void>>();
  const samples: { t: number; rss: number }[] = [];
  const t0 = performance.now();
  let sent = 0;
  let nextSample = 0;
  const stats = () => {
    const by = new Map<string, number>();
    for (const o of outcomes) {
      const k = o.status === 0 ? `no answer (${o.error})` : o.status === 200 ? '200' : `${o.status} ${o.code}`;
      by.set(k, (by.get(k) ?? 0) + 1);
    }
    return by;
  };
  while (performance.now() - t0 < duration * 1000) {
    const elapsed = (performance.now() - t0) / 1000;
    const due = Math.floor(elapsed * rate);
    while (sent < due) {
      sent++;
      const p: Promise<void> = one().then((o) => {
        outcomes.push(o);
        pending.delete(p);
      });
      pending.add(p);
    }
    if (elapsed >= nextSample) {
      const m = await memory();
      const r = m.rss;
      samples.push({ t: elapsed, rss: r });
      const by = stats();
      console.log(`t=${String(Math.round(elapsed)).padStart(4)} s  rss ${mb(r).padStart(8)} (heap ${mb(m.heap)}, external ${mb(m.external)}, index ${m.rows} rows ${mb(m.index)})  sent ${sent}  answered ${outcomes.length}  in flight ${pending.size}  ${[...by.entries()].map(([k, v]) => `${k}: ${v}`).join(', ')}`);
      nextSample += sampleEvery;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  console.log(`waiting for ${pending.size} outstanding request(s)...`);
  await Promise.all(pending);
  const live = await fetch(`${url}/health/live`).then((r) => r.status, () => 0);
  const serverLatency = serverQuantiles(await (await fetch(`${url}/metrics`)).text());
  const endMem = await memory();
  const endRss = endMem.rss;
  samples.push({ t: duration, rss: endRss });

  const by = stats();
  const answered200 = outcomes.filter((o) => o.status === 200);
  const lat = answered200.map((o) => o.ms).sort((a, b) => a - b);
  const pct = (p: number) => (lat.length ? Math.round(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]) : NaN);
  const shed = outcomes.filter((o) => o.status === 503 || o.status === 429);
  const shedLat = shed.map((o) => o.ms).sort((a, b) => a - b);
  const unanswered = outcomes.filter((o) => o.status === 0).length;
  const bad = outcomes.filter((o) => o.status !== 0 && o.status !== 200 && !((o.status === 503 && o.code === 'overloaded') || o.status === 429)).length;
  const missingRetry = shed.filter((o) => !o.retryAfter).length;
  const warm = samples.find((s) => s.t >= Math.min(60, duration / 4))?.rss ?? samples[0].rss;
  const peak = Math.max(...samples.map((s) => s.rss));
  const growth = endRss / warm - 1;
  console.log('\nsummary');
  console.log(`  sent ${sent} at ${rate.toFixed(1)} req/s for ${duration} s; answered ${outcomes.length}; unanswered ${unanswered}`);
  for (const [k, v] of [...by.entries()].sort((a, b) => b[1] - a[1])) console.log(`    ${String(v).padStart(7)}  ${k}`);
  console.log(`  200 latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms; refusals p50 ${Math.round(shedLat[Math.floor(shedLat.length / 2)] ?? NaN)} ms (Retry-After missing on ${missingRetry})`);
  console.log(`  server-side (its /metrics: routing to answer, body upload excluded, whole run): 200 p50 <= ${serverLatency.p50} s, p99 <= ${serverLatency.p99} s over ${serverLatency.count} answers`);
  console.log(`  rss after warm-up ${mb(warm)}, peak ${mb(peak)}, end ${mb(endRss)} (${(growth * 100).toFixed(1)}%); /health/live ${live}`);
  console.log(`  at the end: V8 heap ${mb(endMem.heap)}, external ${mb(endMem.external)}, search index ${endMem.rows} rows holding ${mb(endMem.index)}`);
  if (server) {
    server.child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => server!.child.once('exit', r));
    console.log(`  server stopped with SIGTERM, exit code ${code}`);
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
  const failed = unanswered > 0 || bad > 0 || missingRetry > 0 || live !== 200 || growth > maxGrowth;
  console.log(failed ? 'FAILED' : 'OK: every request answered, overload refused fast, memory flat');
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
