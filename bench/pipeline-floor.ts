import * as fs from 'fs';
import * as ort from 'onnxruntime-node';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import sharp from 'sharp';
import { intraOpThreadsFor } from '../src/clip/clip.options';
import { percentile } from './load';

export interface PipelineFloorResult {
  /** Which JPEGs (bench/images.ts key). */
  size: string;
  batch: number;
  imagesPerSec: number;
  /** Batch 1, one image at a time: the median of decode + inference. */
  p50Ms: number;
  cpuMsPerImage: number;
}

interface Preprocessing {
  shortestEdge: number;
  crop: number;
  mean: number[];
  std: number[];
  rescale: number;
}

/** What the model folder's preprocessor_config.json asks for (CLIP: shortest edge, centre crop, mean/std). */
function preprocessing(modelDir: string): Preprocessing {
  const c = JSON.parse(fs.readFileSync(path.join(modelDir, 'preprocessor_config.json'), 'utf8'));
  const edge = typeof c.size === 'number' ? c.size : (c.size?.shortest_edge ?? Math.min(c.size.height, c.size.width));
  const crop = typeof c.crop_size === 'number' ? c.crop_size : (c.crop_size?.height ?? edge);
  return { shortestEdge: edge, crop, mean: c.image_mean, std: c.image_std, rescale: c.rescale_factor ?? 1 / 255 };
}

/**
 * One JPEG to the model's input, the fastest honest way, written here independently of the service's
 * code so that it is a yardstick, not a copy: sharp decodes with shrink-on-load (libjpeg's DCT scaling
 * where the image is at least twice the target) and resizes the shortest edge bicubically, extracts the
 * centre crop, and a per-channel lookup table rescales and normalises into the batch tensor.
 */
function decoder(p: Preprocessing) {
  const luts = [0, 1, 2].map((ch) => Float32Array.from({ length: 256 }, (_, v) => (v * p.rescale - p.mean[ch]) / p.std[ch]));
  const plane = p.crop * p.crop;
  return async (jpeg: Buffer, out: Float32Array, offset: number): Promise<void> => {
    let img = sharp(jpeg);
    if (p.crop === p.shortestEdge) {
      // CLIP's case: shortest edge to the crop size, then the centre (sharp's cover crop) in one resize.
      img = img.resize(p.crop, p.crop, { fit: 'cover', position: 'centre', kernel: 'cubic', fastShrinkOnLoad: true });
    } else {
      const m = await sharp(jpeg).metadata();
      const k = p.shortestEdge / Math.min(m.width!, m.height!);
      const w = Math.round(m.width! * k);
      const h = Math.round(m.height! * k);
      img = img.resize(w, h, { fit: 'fill', kernel: 'cubic', fastShrinkOnLoad: true }).extract({ left: Math.floor((w - p.crop) / 2), top: Math.floor((h - p.crop) / 2), width: p.crop, height: p.crop });
    }
    const { data, info } = await img.removeAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.width !== p.crop || info.height !== p.crop || info.channels !== 3) throw new Error(`decoded ${info.width}x${info.height}x${info.channels}`);
    for (let ch = 0; ch < 3; ch++) {
      const lut = luts[ch];
      const base = offset + ch * plane;
      for (let i = 0, j = ch; i < plane; i++, j += 3) out[base + i] = lut[data[j]];
    }
  };
}

/**
 * The pipeline floor: JPEG bytes in memory to image embeddings in one process, no HTTP, no database, no
 * policies. Decoding runs on libuv's threads (sharp) while ORT runs the previous batch on every core, so
 * the two overlap as far as the cores allow. Batch 1 is measured one image at a time (the latency a lone
 * request could have); the larger batches keep the next batch's decodes in flight during each run.
 */
export async function measurePipelineFloor(modelDir: string, suffix: string, images: Record<string, Buffer[]>, batches: number[], seconds: number): Promise<PipelineFloorResult[]> {
  const p = preprocessing(modelDir);
  const decode = decoder(p);
  const graph = path.join(modelDir, 'onnx', `vision_model${suffix}.onnx`);
  // The service's rule (CLIP_INTRA_OP_THREADS=auto): one thread for a graph as small as the demo
  // model's, where it was also this floor's faster choice at batch 16 (docs/performance.md).
  const session = await ort.InferenceSession.create(graph, {
    intraOpNumThreads: intraOpThreadsFor('auto', fs.statSync(graph).size, os.availableParallelism()),
    interOpNumThreads: 1,
    executionMode: 'sequential',
  });
  const per = 3 * p.crop * p.crop;
  const out: PipelineFloorResult[] = [];
  try {
    for (const [size, jpegs] of Object.entries(images)) {
      for (const batch of batches) {
        const decodeBatch = async (start: number): Promise<Float32Array> => {
          const t = new Float32Array(batch * per);
          await Promise.all(Array.from({ length: batch }, (_, k) => decode(jpegs[(start + k) % jpegs.length], t, k * per)));
          return t;
        };
        const run = (t: Float32Array) => session.run({ pixel_values: new ort.Tensor('float32', t, [batch, 3, p.crop, p.crop]) });
        await run(await decodeBatch(0)); // warm-up: first run allocates
        const latencies: number[] = [];
        let n = 0;
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        const deadline = t0 + seconds * 1000;
        if (batch === 1) {
          while (performance.now() < deadline || n < 5) {
            const t = performance.now();
            await run(await decodeBatch(n));
            latencies.push(performance.now() - t);
            n++;
          }
        } else {
          let next = decodeBatch(0);
          while (performance.now() < deadline || n < 3 * batch) {
            const ready = await next;
            next = decodeBatch(n + batch); // decodes of the next batch overlap this run
            await run(ready);
            n += batch;
          }
          await next;
        }
        const elapsed = (performance.now() - t0) / 1000;
        const cpu = process.cpuUsage(cpu0);
        latencies.sort((a, b) => a - b);
        out.push({ size, batch, imagesPerSec: n / elapsed, p50Ms: batch === 1 ? percentile(latencies, 50) : NaN, cpuMsPerImage: (cpu.user + cpu.system) / 1000 / n });
      }
    }
  } finally {
    await session.release();
  }
  return out;
}
