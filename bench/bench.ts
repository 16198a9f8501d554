/**
 * `npm run bench [-- --model DIR --seconds N]`: the service end to end over HTTP beside the physical
 * floor (the same ONNX vision graph alone, same cores), printed side by side with ratios, and written
 * to BENCHMARKS.md. Run it on an otherwise idle machine.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { measureFloor } from './floor';
import { benchImages } from './images';
import { closedLoop, LoadResult } from './load';

const ROOT = path.join(__dirname, '..');
const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
};
const modelDir = path.resolve(ROOT, arg('model', 'models/emoji-clip-demo'));
const seconds = Number(arg('seconds', '10'));
const maxBatch = Number(arg('batch', '16'));
const port = 18000 + Math.floor(Math.random() * 2000);
const base = `http://127.0.0.1:${port}`;

async function waitReady(child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${base}/health/ready`);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('service did not become ready');
}

async function eventLoopP99(): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = /^nodejs_eventloop_lag_p99_seconds (\S+)/m.exec(text);
  return m ? Number(m[1]) * 1000 : NaN;
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

async function main() {
  console.log(`model ${modelDir}; ${os.cpus().length} x ${os.cpus()[0]?.model}; node ${process.version}`);
  const images = await benchImages(path.join(ROOT, '.cache', 'bench-images'));
  console.log('measuring the floor (vision graph alone)...');
  const floor = await measureFloor(modelDir, [1, 2, 4, 8, 16, 32], Math.max(2, seconds / 3));
  const best = floor.reduce((a, b) => (b.imagesPerSec > a.imagesPerSec ? b : a));
  const floor1 = floor[0];

  console.log('starting the service...');
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', MODEL_DIR: modelDir, POLICIES_WATCH: 'false', LOG_LEVEL: 'warn', CLIP_MAX_BATCH: String(maxBatch), CLIP_MAX_QUEUE: '4096' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const rows: { name: string; r: LoadResult; loop?: number }[] = [];
  try {
    await waitReady(child);
    const url = `${base}/v1/moderations`;
    await closedLoop(url, images['1024x768'], 'image/jpeg', 4, 2); // warm-up
    rows.push({ name: '1024x768, concurrency 1', r: await closedLoop(url, images['1024x768'], 'image/jpeg', 1, seconds) });
    await eventLoopP99(); // resets the delay histogram
    const sat = 2 * maxBatch;
    const r = await closedLoop(url, images['1024x768'], 'image/jpeg', sat, seconds);
    rows.push({ name: `1024x768, concurrency ${sat}`, r, loop: await eventLoopP99() });
    const r4k = await closedLoop(url, images['4000x3000'], 'image/jpeg', sat, seconds);
    rows.push({ name: `4000x3000, concurrency ${sat}`, r: r4k, loop: await eventLoopP99() });
  } finally {
    const rss = child.pid ? peakRssMb(child.pid) : NaN;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    const lines = [
      `| what | images/s | p50 ms | p95 ms | p99 ms | event-loop p99 ms | vs floor |`,
      `|---|---|---|---|---|---|---|`,
      ...floor.map((x) => `| floor: vision graph, batch ${x.batch} | ${f(x.imagesPerSec)} | ${f(x.msPerBatch)} | | | | ${f(x.imagesPerSec / best.imagesPerSec, 2)} |`),
      ...rows.map(({ name, r, loop }) => `| service: ${name} | ${f(r.imagesPerSec)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${loop === undefined ? '' : f(loop)} | ${f(r.imagesPerSec / best.imagesPerSec, 2)} |`),
    ];
    const sat = rows[1]?.r;
    const summary = [
      `- saturation throughput / best batched floor: **${f((sat?.imagesPerSec ?? NaN) / best.imagesPerSec, 3)}** (floor best at batch ${best.batch}: ${f(best.imagesPerSec)} img/s)`,
      `- p50 at concurrency 1 minus floor batch-1 latency: **${f((rows[0]?.r.p50 ?? NaN) - floor1.msPerBatch)} ms**`,
      `- peak RSS of the service: **${f(rss, 0)} MB**; errors: ${rows.map((x) => x.r.errors).join('/')}`,
    ];
    const md = [
      `# Benchmarks`,
      ``,
      `Command: \`npm run bench -- --model ${path.relative(ROOT, modelDir)} --seconds ${seconds} --batch ${maxBatch}\``,
      `Machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
      ``,
      ...lines,
      ``,
      ...summary,
      ``,
    ].join('\n');
    console.log('\n' + md);
    fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), md);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
