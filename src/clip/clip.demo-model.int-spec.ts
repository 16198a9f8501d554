import { readFileSync } from 'fs';
import { join } from 'path';
import { monitorEventLoopDelay } from 'perf_hooks';
import sharp from 'sharp';
import { clipOptions } from '../../test/support/clip-tiny-model';
import { ClipService } from './clip.service';

/** Real inference with the model the service ships (models/emoji-clip-demo, 64 px, 256-d). */
const DEMO = join(__dirname, '../../models/emoji-clip-demo');
const CLIP_PNG = readFileSync(join(__dirname, '../../test/fixtures/images/clip-figure.png'));

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('ClipService with the demo model', () => {
  const svc = new ClipService(clipOptions(DEMO, { maxBatchSize: 16, maxBatchWaitMs: 5, maxQueue: 256 }));
  let crops: Buffer[];

  beforeAll(async () => {
    await svc.onModuleInit();
    // Different regions of a real PNG: distinct images with real edges and transparency.
    crops = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        sharp(CLIP_PNG)
          .extract({ left: i * 240, top: (i % 3) * 100, width: 400, height: 300 })
          .png()
          .toBuffer(),
      ),
    );
  });
  afterAll(() => svc.onModuleDestroy());

  it('reads the contract from the folder', () => {
    expect(svc.model).toMatchObject({
      id: 'emoji-clip-demo',
      projectionDim: 256,
      imageSize: { width: 64, height: 64 },
      maxTextLength: 32,
    });
    const cfg = JSON.parse(readFileSync(join(DEMO, 'config.json'), 'utf8'));
    expect(svc.model.logitScale).toBeCloseTo(Math.exp(cfg.logit_scale), 4);
  });

  it('image embeddings are unit length, deterministic, and batching does not change them', async () => {
    const single: Float32Array[] = [];
    for (const data of crops) single.push((await svc.embedImage({ data })).embedding);
    for (const v of single) {
      expect(v).toHaveLength(256);
      expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
    }
    const again = await svc.embedImage({ data: crops[0] });
    expect(dot(again.embedding, single[0])).toBeCloseTo(1, 6);
    const batched = await Promise.all(crops.map((data) => svc.embedImage({ data })));
    expect(Math.max(...batched.map((b) => b.timings.batchSize))).toBeGreaterThan(1);
    // Batched vs single runs may sum in a different order inside ORT kernels: float32 rounding only.
    batched.forEach((b, i) => b.embedding.forEach((x, j) => expect(Math.abs(x - single[i][j])).toBeLessThan(1e-4)));
    expect(dot(single[0], single[1])).toBeLessThan(0.99999);
  });

  it('text embeddings are unit length and distinct prompts differ', async () => {
    const [a, b, a2] = await svc.embedTexts(['a photo of a cat', 'a red stop sign', 'a photo of a cat']);
    expect(Math.sqrt(dot(a, a))).toBeCloseTo(1, 5);
    expect(a2).toBe(a);
    expect(dot(a, b)).toBeLessThan(0.99999);
  });

  it('keeps the main thread responsive while embedding a 64-image batch', async () => {
    const inputs = Array.from({ length: 64 }, (_, i) => ({ data: crops[i % crops.length] }));
    await svc.embedImages(inputs.slice(0, 16)); // steady state: JIT and sharp's first-use costs are not the point
    const batchMs: number[] = [];
    svc.onBatch = (_size, ms) => batchMs.push(ms);
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const t0 = performance.now();
    const vs = await svc.embedImages(inputs);
    const ms = performance.now() - t0;
    h.disable();
    expect(vs).toHaveLength(64);
    const maxDelayMs = h.max / 1e6;
    // ORT runs in the worker; the main thread only decodes (libuv pool) and normalises 64x64x3
    // floats per image. A blocking inference would show up as a delay near the whole batch time.
    // 200 ms leaves room for GC pauses and a busy CI box (training shares these 2 cores).
    expect(maxDelayMs).toBeLessThan(200);
    // eslint-disable-next-line no-console
    console.log(`64 images in ${ms.toFixed(0)} ms, batches ${batchMs.map((b) => b.toFixed(0)).join('/')} ms, max event-loop delay ${maxDelayMs.toFixed(1)} ms`);
  });

  it('close() lets a running batch finish instead of terminating the worker inside ORT', async () => {
    // Terminating a worker thread during a native ORT run aborts the process; close() must wait.
    const other = new ClipService(clipOptions(DEMO, { maxBatchSize: 64, maxBatchWaitMs: 1000, maxQueue: 64 }));
    await other.onModuleInit();
    const tensors = Array.from({ length: 64 }, (_, i) => other.embedImage({ data: crops[i % crops.length] }));
    while (other.stats().busyWorkers === 0) await new Promise((r) => setTimeout(r, 1));
    await other.close();
    const results = await Promise.allSettled(tensors);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(64);
    expect(other.stats().workers).toBe(0);
  });
});
