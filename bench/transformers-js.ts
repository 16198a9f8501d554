/**
 * Transformers.js doing the moderation job the way its docs show, in a child process of its own (so
 * its memory and threads are its own): JPEG bytes in, scores for the 30 policy prompts out.
 *
 * - `pipeline`: pipeline('zero-shot-image-classification') called per image with the prompts as
 *   candidate labels; it re-embeds every prompt on every call, as documented usage does.
 * - `cached`: what a careful engineer writes next: CLIPTextModelWithProjection embeds the prompts
 *   once, CLIPVisionModelWithProjection + AutoProcessor embed each image, scores are a dot product.
 *
 * Model loaded from the same folder, offline (env.allowRemoteModels = false, env.localModelPath).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { monitorEventLoopDelay, performance } from 'perf_hooks';
import { percentile } from './load';
import { EVENT_LOOP_RESOLUTION_MS, peakRssMb } from './service';

export interface TjsOptions {
  modelDir: string;
  dtype: string;
  mode: 'pipeline' | 'cached';
  prompts: string[];
  images: string[];
  concurrency: number;
  seconds: number;
}

export interface TjsResult {
  mode: string;
  dtype: string;
  concurrency: number;
  loadMs: number;
  requests: number;
  imagesPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  eventLoopP99: number;
  peakRssMb: number;
  cpuMsPerImage: number;
  error?: string;
}

/** Runs one measurement in a fresh Node process and returns its result. */
export function runTransformersJs(opts: TjsOptions): Promise<TjsResult> {
  return new Promise((resolve) => {
    const tsNode = path.join(__dirname, '..', 'node_modules', '.bin', 'ts-node');
    const child = spawn(tsNode, ['--transpile-only', __filename, JSON.stringify(opts)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as TjsResult);
      } catch {
        resolve({ ...emptyResult(opts), error: `child exited with ${code}: ${out.slice(-500)}` });
      }
    });
  });
}

function emptyResult(o: TjsOptions): TjsResult {
  return { mode: o.mode, dtype: o.dtype, concurrency: o.concurrency, loadMs: NaN, requests: 0, imagesPerSec: NaN, p50: NaN, p95: NaN, p99: NaN, eventLoopP99: NaN, peakRssMb: NaN, cpuMsPerImage: NaN };
}

async function child(o: TjsOptions): Promise<TjsResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tjs = require('@huggingface/transformers') as typeof import('@huggingface/transformers');
  const { env, pipeline, RawImage, AutoProcessor, AutoTokenizer, CLIPVisionModelWithProjection, CLIPTextModelWithProjection } = tjs;
  env.allowRemoteModels = false;
  env.localModelPath = path.dirname(o.modelDir) + path.sep;
  const id = path.basename(o.modelDir);
  const dtype = (o.dtype === 'q8' ? 'q8' : 'fp32') as 'q8' | 'fp32';
  const bodies = o.images.map((f) => fs.readFileSync(f));

  const t0 = performance.now();
  let classify: (jpeg: Buffer) => Promise<unknown>;
  if (o.mode === 'pipeline') {
    const classifier = await pipeline('zero-shot-image-classification', id, { dtype, device: 'cpu' });
    classify = async (jpeg) => classifier(await RawImage.fromBlob(new Blob([jpeg])), o.prompts, { hypothesis_template: '{}' });
  } else {
    const processor = await AutoProcessor.from_pretrained(id);
    const tokenizer = await AutoTokenizer.from_pretrained(id);
    const vision = await CLIPVisionModelWithProjection.from_pretrained(id, { dtype, device: 'cpu' });
    const text = await CLIPTextModelWithProjection.from_pretrained(id, { dtype, device: 'cpu' });
    const { text_embeds } = await text(tokenizer(o.prompts, { padding: true, truncation: true }));
    const t = text_embeds.normalize(2, -1);
    const dim = t.dims[1];
    const tdata = t.data as Float32Array;
    classify = async (jpeg) => {
      const image = await RawImage.fromBlob(new Blob([jpeg]));
      const { image_embeds } = await vision(await processor(image));
      const v = image_embeds.normalize(2, -1).data as Float32Array;
      const logits = o.prompts.map((_, j) => {
        let s = 0;
        for (let i = 0; i < dim; i++) s += v[i] * tdata[j * dim + i];
        return 100 * s;
      });
      const max = Math.max(...logits);
      const e = logits.map((x) => Math.exp(x - max));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((x, j) => ({ label: o.prompts[j], score: x / sum })).sort((a, b) => b.score - a.score);
    };
  }
  await classify(bodies[0]); // warm-up
  const loadMs = performance.now() - t0;

  const loop = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
  loop.enable();
  const latencies: number[] = [];
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const deadline = start + o.seconds * 1000;
  let next = 0;
  const lane = async () => {
    while (performance.now() < deadline || latencies.length === 0) {
      const t = performance.now();
      await classify(bodies[next++ % bodies.length]);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, lane));
  const elapsed = (performance.now() - start) / 1000;
  loop.disable();
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  return {
    mode: o.mode,
    dtype: o.dtype,
    concurrency: o.concurrency,
    loadMs,
    requests: latencies.length,
    imagesPerSec: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    eventLoopP99: Math.max(0, loop.percentile(99) / 1e6 - EVENT_LOOP_RESOLUTION_MS), // same reading as the service's
    peakRssMb: peakRssMb(process.pid),
    cpuMsPerImage: (cpu.user + cpu.system) / 1000 / latencies.length,
  };
}

if (require.main === module) {
  const o = JSON.parse(process.argv[2]) as TjsOptions;
  child(o).then(
    (r) => process.stdout.write('\n' + JSON.stringify(r) + '\n', () => process.exit(0)),
    (e: Error) => process.stdout.write('\n' + JSON.stringify({ ...emptyResult(o), error: e.message }) + '\n', () => process.exit(0)),
  );
}
