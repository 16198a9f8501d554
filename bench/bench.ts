/**
 * `npm run bench [-- --model DIR --dtype fp32,q8 --variants ... --seconds N]`: on one machine and one
 * model, side by side: the physical floor (the ONNX vision graph alone on preprocessed tensors), the
 * pipeline floor (the same JPEGs decoded and embedded in one process, bench/pipeline-floor.ts), the
 * service end to end over HTTP with JPEG photographs, Transformers.js's documented zero-shot pipeline
 * and its text-embeddings-once variant, and the policy hot reload of 100 new prompts; fp32 beside
 * int8. Writes .cache/bench/report.md (numbers worth keeping go into docs/performance.md). Run it on an otherwise idle machine (see the load average it records).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dtypeSuffix } from '../src/clip/model-folder';
import { measureFloor, FloorResult } from './floor';
import { measurePipelineFloor } from './pipeline-floor';
import { benchImages } from './images';
import { closedLoop } from './load';
import { parseOptions, ROOT } from './options';
import { PROMPTS, writePolicyDir } from './prompts';
import { DtypeResult, renderReport, RuntimeResult } from './report';
import { currentRuntime, NamedRuntime, prepareRuntime } from './runtime';
import { ServiceProcess } from './service';
import { runTransformersJs, TjsResult } from './transformers-js';
import { runSweep } from './sweep';

async function benchService(o: ReturnType<typeof parseOptions>, dtype: string, images: Record<string, Buffer[]>, tmp: string, runtime: NamedRuntime): Promise<RuntimeResult> {
  const tag = `${dtype}-${runtime.version}`;
  const policiesDir = writePolicyDir(path.join(tmp, `policies-${tag}`));
  const svc = new ServiceProcess({
    MODEL_DIR: o.modelDir,
    MODEL_DTYPE: dtype,
    POLICIES_DIR: policiesDir,
    POLICIES_WATCH: 'true',
    DATA_DIR: path.join(tmp, `data-${tag}`),
    LOG_LEVEL: 'warn',
    CLIP_MAX_QUEUE: '4096',
    ...o.env,
  }, undefined, [], runtime);
  const service: RuntimeResult['service'] = [];
  let reloadMs = NaN;
  let rss = NaN;
  try {
    console.log(`  starting the service (${dtype}, node ${runtime.version})...`);
    await svc.start();
    const url = `${svc.base}/v1/moderations`;
    const run = async (name: string, imgs: Buffer[], concurrency: number) => {
      await svc.eventLoopP99(); // resets the delay histogram
      const cpu0 = svc.cpuMs();
      const r = await closedLoop(url, imgs, 'image/jpeg', concurrency, o.seconds);
      const row = { name, r, loop: await svc.eventLoopP99(), cpuMsPerImage: (svc.cpuMs() - cpu0) / r.requests };
      console.log(`  service ${name}: ${r.imagesPerSec.toFixed(2)} img/s, p50 ${r.p50.toFixed(1)} ms, loop p99 ${row.loop.toFixed(1)} ms, errors ${r.errors}`);
      service.push(row);
    };
    if (o.variants.has('service')) {
      await closedLoop(url, images['1024x768'], 'image/jpeg', 4, Math.min(5, o.seconds)); // warm-up
      await run('1024x768, concurrency 1', images['1024x768'], 1);
      await run(`1024x768, concurrency ${o.saturation}`, images['1024x768'], o.saturation);
      await run(`4000x3000, concurrency ${o.saturation}`, images['4000x3000'], o.saturation);
    }
    if (o.variants.has('reload')) {
      const r = await svc.hotReload(policiesDir);
      reloadMs = r.ms;
      console.log(`  hot reload of 100 new prompts: ${reloadMs.toFixed(0)} ms`);
    }
  } finally {
    rss = svc.peakRssMb();
    await svc.stop();
  }
  return { node: runtime.version, service, reloadMs, serviceRssMb: rss, serviceStartMs: svc.startMs };
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  if (o.sweep) return runSweep(o);
  const load0 = os.loadavg();
  console.log(`model ${o.modelDir}; dtypes ${o.dtypes.join(',')}; ${os.cpus().length} x ${os.cpus()[0]?.model}; node ${process.version}; load ${load0.map((x) => x.toFixed(2)).join(' ')}`);
  const images = await benchImages(path.join(ROOT, '.cache', 'bench-images'));
  const imageFiles = (name: string) => [0, 1, 2].map((i) => path.join(ROOT, '.cache', 'bench-images', `${name}-${i}.jpg`));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-bench-'));
  const rounds: DtypeResult[][] = [];
  const runtimes = [currentRuntime(), ...o.nodes.map(prepareRuntime)];
  try {
    for (let round = 1; round <= o.rounds; round++) {
      if (o.rounds > 1) console.log(`round ${round} of ${o.rounds}`);
      rounds.push(await measureRound(o, images, imageFiles, tmp, runtimes));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const md = renderReport(o, rounds, { load0, load1: os.loadavg() });
  console.log('\n' + md);
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  fs.writeFileSync(o.out, md);
  console.log(`written to ${path.relative(process.cwd(), o.out)}`);
}

/** Every variant asked for, each dtype in turn: one round of the report. */
async function measureRound(
  o: ReturnType<typeof parseOptions>,
  images: Record<string, Buffer[]>,
  imageFiles: (name: string) => string[],
  tmp: string,
  runtimes: NamedRuntime[],
): Promise<DtypeResult[]> {
  const results: DtypeResult[] = [];
  for (const dtype of o.dtypes) {
    const suffix = dtypeSuffix(dtype);
    const res: DtypeResult = { dtype, floor: [], pipeline: [], service: [], tjs: [], reloadMs: NaN, serviceRssMb: NaN, serviceStartMs: NaN, runtimes: [] };
    if (o.variants.has('floor')) {
      console.log(`[${dtype}] floor: vision graph alone...`);
      res.floor = await measureFloor(o.modelDir, o.floorBatches, Math.max(2, o.seconds / 3), suffix);
      res.floor.forEach((f: FloorResult) => console.log(`  batch ${f.batch}: ${f.imagesPerSec.toFixed(2)} img/s, ${f.msPerBatch.toFixed(1)} ms/batch`));
    }
    if (o.variants.has('pipeline')) {
      console.log(`[${dtype}] pipeline floor: JPEG to embeddings in one process...`);
      res.pipeline = await measurePipelineFloor(o.modelDir, suffix, images, o.pipelineBatches, Math.max(3, o.seconds / 2));
      res.pipeline.forEach((x) => console.log(`  ${x.size} batch ${x.batch}: ${x.imagesPerSec.toFixed(2)} img/s${x.batch === 1 ? `, p50 ${x.p50Ms.toFixed(1)} ms` : ''}`));
    }
    if (o.variants.has('service') || o.variants.has('reload')) {
      for (const runtime of runtimes) {
        console.log(`[${dtype}] service over HTTP, node ${runtime.version}...`);
        res.runtimes.push(await benchService(o, dtype, images, tmp, runtime));
      }
      const { service, reloadMs, serviceRssMb, serviceStartMs } = res.runtimes[0];
      Object.assign(res, { service, reloadMs, serviceRssMb, serviceStartMs });
    }
    for (const mode of ['pipeline', 'cached'] as const) {
      if (!o.variants.has(mode === 'pipeline' ? 'tjs' : 'tjs-cached')) continue;
      for (const concurrency of o.tjsConcurrency) {
        console.log(`[${dtype}] Transformers.js ${mode}, concurrency ${concurrency}...`);
        const r: TjsResult = await runTransformersJs({ modelDir: o.modelDir, dtype, mode, prompts: PROMPTS, images: imageFiles('1024x768'), concurrency, seconds: o.seconds });
        if (r.error) console.log(`  failed: ${r.error}`);
        else console.log(`  ${r.imagesPerSec.toFixed(2)} img/s, p50 ${r.p50.toFixed(0)} ms, RSS ${r.peakRssMb.toFixed(0)} MB`);
        res.tjs.push(r);
      }
    }
    results.push(res);
  }
  return results;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
