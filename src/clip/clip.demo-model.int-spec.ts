import { readFileSync } from 'fs';
import { join } from 'path';
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
  afterAll(() => svc.onApplicationShutdown());

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

  it('embeds a 64-image burst in several batches, each image as it would be alone', async () => {
    // That ORT runs off the main thread is proven in worker-pool.int-spec.ts (no timing threshold:
    // main-thread turns inside the worker's run); event-loop delay under load is a bench figure.
    const inputs = Array.from({ length: 64 }, (_, i) => ({ data: crops[i % crops.length] }));
    const alone = await Promise.all(crops.map((data) => svc.embedImage({ data })));
    const sizes: number[] = [];
    svc.onBatch = (size) => sizes.push(size);
    const vs = await svc.embedImages(inputs);
    svc.onBatch = undefined;
    expect(vs).toHaveLength(64);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(64);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(16);
    vs.forEach((v, i) => expect(dot(v, alone[i % crops.length].embedding)).toBeCloseTo(1, 4));
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
