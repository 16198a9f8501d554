/**
 * Where the service's CPU goes at saturation, per thread, beside the floor's CPU per image:
 *   npm run bench:threads [-- --model DIR --dtype fp32|q8 --seconds 15 --concurrency 32 --image 1024x768]
 *
 * Reads /proc/<pid>/task/<tid>/stat of the service process before and after a closed-loop run and
 * divides each thread's CPU time by the images answered. Linux names every thread of ours "node",
 * so threads are grouped by role: the HTTP thread (tid == pid), libvips' decode workers (named so by
 * libvips), the CLIP_INTRA_OP_THREADS busiest remaining threads (the ORT intra-op pool: nothing else
 * runs for long), and everything else (libuv's pool: sharp calls, fsync, crypto; the worker's own
 * thread; V8 helpers). Run it on an idle machine. Linux only.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dtypeSuffix } from '../src/clip/model-folder';
import { loadConfig } from '../src/config/configuration';
import { measureFloor } from './floor';
import { benchImages } from './images';
import { closedLoop } from './load';
import { arg, DEFAULT_BENCH_MODEL, ROOT } from './options';
import { writePolicyDir } from './prompts';
import { servicePlan } from './report';
import { ServiceProcess } from './service';

/** CPU milliseconds and name of every thread of `pid`. */
function threadCpu(pid: number): Map<string, { name: string; ms: number }> {
  const out = new Map<string, { name: string; ms: number }>();
  const tick = 1000 / 100; // USER_HZ
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name, ms: (Number(f[11]) + Number(f[12])) * tick });
    } catch {
      /* the thread ended */
    }
  }
  return out;
}

/** The service's clip_batch_size histogram: how many inference runs, and how many images they held. */
async function batchTotals(base: string): Promise<{ count: number; sum: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^clip_batch_size_${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  return { count: read('count'), sum: read('sum') };
}

/** Machine-wide idle and total jiffies (/proc/stat, first line). */
function machineCpu(): { idle: number; total: number } {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
}

async function main(): Promise<void> {
  const modelDir = path.resolve(ROOT, arg('model', DEFAULT_BENCH_MODEL));
  const seconds = Number(arg('seconds', '15'));
  const concurrency = Number(arg('concurrency', '32'));
  const imageName = arg('image', '1024x768');
  const dtype = arg('dtype', 'fp32');
  const suffix = dtypeSuffix(dtype);
  // The service's own choice for this model and graph.
  const plan = servicePlan(loadConfig(process.env).clip, modelDir, dtype);
  if (!plan) throw new Error(`no ${dtype} vision and text graphs in ${modelDir}/onnx`);
  // Each session of N intra-op threads runs on its worker's thread plus N - 1 pool threads.
  const intraOp = plan.workers * plan.intraOpThreads + Math.max(0, plan.soloThreads - 1);
  const images = await benchImages(path.join(ROOT, '.cache', 'bench-images'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-threads-'));

  console.log(`model ${path.relative(ROOT, modelDir)} (${dtype}); ${os.cpus().length} x ${os.cpus()[0]?.model}; load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const floor = await measureFloor(modelDir, [16], Math.max(3, seconds / 3), suffix);
  const svc = new ServiceProcess({ MODEL_DIR: modelDir, MODEL_DTYPE: dtype, POLICIES_DIR: writePolicyDir(path.join(tmp, 'policies')), POLICIES_WATCH: 'false', DATA_DIR: path.join(tmp, 'data'), LOG_LEVEL: 'error', CLIP_MAX_QUEUE: '4096' });
  try {
    await svc.start();
    const url = `${svc.base}/v1/moderations`;
    await closedLoop(url, images[imageName], 'image/jpeg', 8, 4); // warm-up
    const batches0 = await batchTotals(svc.base);
    const before = threadCpu(svc.pid!);
    const m0 = machineCpu();
    const self0 = process.cpuUsage();
    const r = await closedLoop(url, images[imageName], 'image/jpeg', concurrency, seconds);
    const self = process.cpuUsage(self0);
    const m1 = machineCpu();
    const after = threadCpu(svc.pid!);
    const batches1 = await batchTotals(svc.base);
    const per = (ms: number) => ms / r.requests;
    const deltas = [...after.entries()].map(([tid, t]) => ({ tid, name: t.name, ms: t.ms - (before.get(tid)?.ms ?? 0) }));
    const main = deltas.filter((d) => d.tid === String(svc.pid));
    const vips = deltas.filter((d) => d.name.startsWith('libvips'));
    const rest = deltas.filter((d) => d.tid !== String(svc.pid) && !d.name.startsWith('libvips')).sort((a, b) => b.ms - a.ms);
    const inference = rest.slice(0, intraOp);
    const other = rest.slice(intraOp);
    const sum = (xs: { ms: number }[]) => xs.reduce((s, x) => s + x.ms, 0);
    const total = sum(deltas);
    const f = floor[0];
    console.log(`\nservice, ${imageName} JPEG, ${concurrency} clients, ${seconds} s: ${r.imagesPerSec.toFixed(2)} images/s (floor at batch ${f.batch}: ${f.imagesPerSec.toFixed(2)}, ratio ${(r.imagesPerSec / f.imagesPerSec).toFixed(3)})\n`);
    console.log('| threads | CPU ms / image | share |');
    console.log('|---|---:|---:|');
    const line = (label: string, ms: number) => console.log(`| ${label} | ${per(ms).toFixed(1)} | ${((100 * ms) / total).toFixed(0)}% |`);
    line(`inference (the ${intraOp} busiest threads besides the HTTP thread and libvips)`, sum(inference));
    line('libvips decode workers', sum(vips));
    line('HTTP thread (Node main)', sum(main));
    line(`everything else (${other.length} threads: libuv pool, ORT worker thread, V8)`, sum(other));
    line('**service total**', total);
    console.log(`| floor: the vision graph alone, batch ${f.batch} | ${f.cpuMsPerImage.toFixed(1)} | |`);
    console.log(`| load generator (this process) | ${per((self.user + self.system) / 1000).toFixed(1)} | |`);
    console.log(`\ninference CPU per image in the service / floor: ${(per(sum(inference)) / f.cpuMsPerImage).toFixed(2)}; the rest of the service costs ${per(total - sum(inference)).toFixed(1)} ms of CPU per image`);
    const runs = batches1.count - batches0.count;
    console.log(`inference batches: ${runs}, mean ${((batches1.sum - batches0.sum) / runs).toFixed(1)} images (CLIP_MAX_BATCH caps them)`);
    console.log(`machine idle during the run: ${((100 * (m1.idle - m0.idle)) / (m1.total - m0.total)).toFixed(1)}% of all cores`);
  } finally {
    await svc.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
