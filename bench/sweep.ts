/**
 * `npm run bench -- --sweep [--model DIR --dtype fp32 --seconds N]`: the tuning knobs, one service start
 * per setting: concurrency-1 latency and saturation throughput of 1024x768 JPEGs, event-loop p99 and
 * peak RSS. Writes .cache/bench/sweep.md; docs/performance.md keeps the sweeps its defaults rest on.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { benchImages } from './images';
import { closedLoop } from './load';
import { BenchOptions, DEFAULT_REPORT, ROOT } from './options';
import { writePolicyDir } from './prompts';
import { ServiceProcess } from './service';

/** Each setting changes one knob from the defaults (or the named pair); nodeArgs are V8 flags. */
export const SETTINGS: { name: string; env: Record<string, string>; nodeArgs?: string[] }[] = [
  { name: 'defaults', env: {} },
  { name: '2 workers x 1 intra-op thread', env: { CLIP_WORKERS: '2', CLIP_INTRA_OP_THREADS: '1' } },
  { name: '1 worker x 1 intra-op thread', env: { CLIP_INTRA_OP_THREADS: '1' } },
  { name: 'ORT spinning off', env: { CLIP_ALLOW_SPINNING: 'false' } },
  { name: 'ORT spinning on, also between runs', env: { CLIP_FORCE_SPINNING_STOP: 'false' } },
  { name: 'ORT dynamic block base 4', env: { CLIP_DYNAMIC_BLOCK_BASE: '4' } },
  { name: 'inference threads at nice 0', env: { CLIP_WORKER_NICE: '0' } },
  { name: 'inference threads at nice 10', env: { CLIP_WORKER_NICE: '10' } },
  { name: 'batch 4', env: { CLIP_MAX_BATCH: '4' } },
  { name: 'batch 8', env: { CLIP_MAX_BATCH: '8' } },
  { name: 'batch 32', env: { CLIP_MAX_BATCH: '32' } },
  { name: 'batch wait 0 ms', env: { CLIP_MAX_BATCH_WAIT_MS: '0' } },
  { name: 'batch wait 10 ms', env: { CLIP_MAX_BATCH_WAIT_MS: '10' } },
  { name: 'UV_THREADPOOL_SIZE=1 (sharp)', env: { UV_THREADPOOL_SIZE: '1' } },
  { name: 'UV_THREADPOOL_SIZE=2 (sharp)', env: { UV_THREADPOOL_SIZE: '2' } },
  { name: 'shrink-on-load off', env: { IMAGE_FAST_SHRINK_ON_LOAD: 'false' } },
  { name: 'RECORD_MODE=non-allow (no SQLite commit for allow)', env: { RECORD_MODE: 'non-allow' } },
  { name: 'upload pool off', env: { MEDIA_UPLOAD_POOL_BYTES: '0' } },
  { name: 'libvips decoders at nice 0', env: { IMAGE_DECODE_NICE: '0' } },
  { name: 'young generation 2 x 8 MiB (V8 default: 2 x 16)', env: {}, nodeArgs: ['--max-semi-space-size=8'] },
  { name: 'defaults again (drift check)', env: {} },
];

export async function runSweep(o: BenchOptions): Promise<void> {
  const images = await benchImages(path.join(ROOT, '.cache', 'bench-images'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-sweep-'));
  const dtype = o.dtypes[0];
  const only = process.env.SWEEP_ONLY?.split(',');
  const rows: string[] = [];
  const load0 = os.loadavg();
  try {
    const repeat = Number(process.env.SWEEP_REPEAT ?? 1);
    const chosen = SETTINGS.filter((s) => !only || only.some((n) => s.name.includes(n)));
    for (const s of Array.from({ length: repeat }, () => chosen).flat()) {
      const svc = new ServiceProcess({
        MODEL_DIR: o.modelDir,
        MODEL_DTYPE: dtype,
        POLICIES_DIR: writePolicyDir(path.join(tmp, 'policies')),
        POLICIES_WATCH: 'false',
        DATA_DIR: path.join(tmp, 'data'),
        LOG_LEVEL: 'warn',
        CLIP_MAX_QUEUE: '4096',
        ...o.env,
        ...s.env,
      }, undefined, s.nodeArgs);
      try {
        await svc.start();
        const url = `${svc.base}/v1/moderations`;
        const jpegs = images[o.sweepSize as keyof typeof images];
        if (!jpegs) throw new Error(`no bench images of size ${o.sweepSize}`);
        await closedLoop(url, jpegs, 'image/jpeg', 4, 3);
        const c1 = await closedLoop(url, jpegs, 'image/jpeg', 1, Math.max(3, o.seconds / 2));
        const before = await svc.scrape();
        const cpu0 = svc.cpuMs();
        const sat = await closedLoop(url, jpegs, 'image/jpeg', o.saturation, o.seconds);
        const cpu = (svc.cpuMs() - cpu0) / sat.requests;
        const after = await svc.scrape();
        const majors = after.majorGcs - before.majorGcs;
        const loop = after.eventLoopP99;
        const row = `| ${s.name} | ${sat.imagesPerSec.toFixed(2)} | ${cpu.toFixed(0)} | ${sat.p50.toFixed(0)} | ${loop.toFixed(1)} | ${majors} | ${c1.p50.toFixed(1)} | ${c1.p95.toFixed(1)} | ${svc.peakRssMb().toFixed(0)} | ${sat.errors + c1.errors} |`;
        console.log(row);
        rows.push(row);
      } catch (e) {
        rows.push(`| ${s.name} | failed: ${(e as Error).message} | | | | | | | | |`);
      } finally {
        await svc.stop();
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const md = [
    `# Tuning sweep`,
    ``,
    `Command: \`${only ? `SWEEP_ONLY='${only.join(',')}' ` : ''}${process.env.SWEEP_REPEAT ? `SWEEP_REPEAT=${process.env.SWEEP_REPEAT} ` : ''}npm run bench -- ${o.argv}\`; model \`${path.relative(ROOT, o.modelDir)}\` (${dtype}); ${os.cpus().length} x ${os.cpus()[0]?.model}; ` +
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average at start ${load0.map((x) => x.toFixed(2)).join(' / ')}, at end ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}.`,
    ``,
    `One knob changed per row from the service defaults; ${o.sweepSize} JPEGs; saturation = ${o.saturation} clients for ${o.seconds} s; full GCs = V8 mark-compacts during the saturation run.`,
    ``,
    `| setting | saturation images/s | CPU ms / image at saturation | saturation p50 ms | event-loop p99 ms | full GCs | concurrency-1 p50 ms | concurrency-1 p95 ms | peak RSS MB | errors |`,
    `|---|---|---|---|---|---|---|---|---|---|`,
    ...rows,
    ``,
  ].join('\n');
  const out = o.out === DEFAULT_REPORT ? path.join(ROOT, '.cache', 'bench', 'sweep.md') : o.out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, md);
  console.log(md);
}
