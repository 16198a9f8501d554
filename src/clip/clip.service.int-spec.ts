import sharp from 'sharp';
import { clipOptions, makeTinyModelDir } from '../../test/support/clip-tiny-model';
import { ClipService } from './clip.service';
import { ClipError } from './clip.types';
import type { PoolJob } from './worker-pool';

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

async function png(r: number, g: number, b: number, w = 40, h = 30): Promise<Buffer> {
  return sharp({ create: { width: w, height: h, channels: 3, background: { r, g, b } } })
    .composite([{ input: { create: { width: 8, height: 8, channels: 3, background: { r: b, g: r, b: g } } }, left: 3, top: 5 }])
    .png()
    .toBuffer();
}

describe('ClipService with the tiny fixture model', () => {
  const model = makeTinyModelDir('tiny-clip');
  const svc = new ClipService(clipOptions(model.dir, { maxBatchWaitMs: 20, maxQueue: 64 }));
  let images: Buffer[];

  beforeAll(async () => {
    await svc.onModuleInit();
    images = await Promise.all([png(200, 30, 30), png(30, 200, 30), png(30, 30, 200), png(250, 250, 10)]);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await svc.onApplicationShutdown();
    model.cleanup();
  });

  it('describes the loaded model', () => {
    expect(svc.isReady()).toBe(true);
    expect(svc.model).toMatchObject({
      id: 'tiny-clip',
      dtype: 'fp32',
      projectionDim: 8,
      logitScale: 100,
      imageSize: { width: 32, height: 32 },
      maxTextLength: 16,
    });
    expect(svc.model.loadMs).toBeGreaterThan(0);
    expect(svc.stats()).toMatchObject({ workers: 1, busyWorkers: 0, queueDepth: 0 });
  });

  it('returns unit-length image embeddings with timings', async () => {
    const r = await svc.embedImage({ data: images[0] });
    expect(r.embedding).toHaveLength(8);
    expect(norm(r.embedding)).toBeCloseTo(1, 5);
    expect(r.timings.batchSize).toBe(1);
    for (const k of ['preprocessMs', 'queueMs', 'inferenceMs'] as const) expect(r.timings[k]).toBeGreaterThanOrEqual(0);
  });

  it('batches concurrent calls, and a batched result equals the single one', async () => {
    const single = await Promise.all(images.map(async (data) => (await svc.embedImage({ data })).embedding));
    const onBatch = jest.fn();
    svc.onBatch = onBatch;
    const together = await Promise.all(images.map((data) => svc.embedImage({ data })));
    svc.onBatch = undefined;
    expect(Math.max(...together.map((r) => r.timings.batchSize))).toBeGreaterThan(1);
    expect(onBatch.mock.calls.reduce((s, [n]) => s + n, 0)).toBe(4);
    together.forEach((r, i) => {
      expect(dot(r.embedding, single[i])).toBeCloseTo(1, 5);
      r.embedding.forEach((x, j) => expect(x).toBeCloseTo(single[i][j], 5));
    });
    expect(dot(single[0], single[1])).toBeLessThan(0.9999); // different images really differ
    const viaEmbedImages = await svc.embedImages(images.map((data) => ({ data })));
    viaEmbedImages.forEach((v, i) => expect(dot(v, single[i])).toBeCloseTo(1, 5));
  });

  it('same image twice gives cosine 1', async () => {
    const [a, b] = await Promise.all([svc.embedImage({ data: images[2] }), svc.embedImage({ data: images[2] })]);
    expect(dot(a.embedding, b.embedding)).toBeCloseTo(1, 6);
  });

  it('embeds raw pixels too', async () => {
    const raw = Buffer.alloc(32 * 32 * 3, 120);
    const r = await svc.embedImage({ data: raw, raw: { width: 32, height: 32, channels: 3 } });
    expect(norm(r.embedding)).toBeCloseTo(1, 5);
  });

  it('rejects undecodable bytes with invalid_image', async () => {
    await expect(svc.embedImage({ data: Buffer.from('not an image') })).rejects.toMatchObject({ code: 'invalid_image' });
  });

  it('rejects with overloaded beyond maxQueue, at once, and serves the admitted ones', async () => {
    const calls = Array.from({ length: 80 }, () => svc.embedImage({ data: images[1] }).then(() => 'ok', (e: ClipError) => e.code));
    const codes = await Promise.all(calls);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(64);
    expect(codes.filter((c) => c === 'overloaded')).toHaveLength(16);
    expect(svc.stats().queueDepth).toBe(0);
  });

  it('rejects with deadline_exceeded when the deadline is already gone', async () => {
    await expect(svc.embedImage({ data: images[0] }, { deadlineMs: 0 })).rejects.toMatchObject({ code: 'deadline_exceeded' });
  });

  it('embeds texts in order, unit length, batched and cached per text', async () => {
    const pool = svc.workerPoolForTests!;
    const run = jest.spyOn(pool, 'run');
    const texts = ['a photo of a cat', 'a photo of a dog', 'a photo of a cat', 'graphic violence'];
    const vs = await svc.embedTexts(texts);
    expect(vs).toHaveLength(4);
    vs.forEach((v) => expect(norm(v)).toBeCloseTo(1, 5));
    expect(Array.from(vs[0])).toEqual(Array.from(vs[2]));
    expect(Array.from(vs[0])).not.toEqual(Array.from(vs[1])); // the tiny text model is near-linear: only check they differ
    expect(run).toHaveBeenCalledTimes(1);
    expect((run.mock.calls[0][0] as PoolJob).count).toBe(3); // duplicates computed once
    const again = await svc.embedTexts(['graphic violence', 'a photo of a dog']);
    expect(run).toHaveBeenCalledTimes(1);
    expect(Array.from(again[0])).toEqual(Array.from(vs[3]));
    expect(svc.stats().cacheSize).toBe(3);
    run.mockRestore();
  });

  it('concurrent requests for the same new text share one computation', async () => {
    const run = jest.spyOn(svc.workerPoolForTests!, 'run');
    const [[a], [b]] = await Promise.all([svc.embedTexts(['shared new prompt']), svc.embedTexts(['shared new prompt'])]);
    expect(a).toBe(b);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('splits large text sets into runs of at most 64', async () => {
    const pool = svc.workerPoolForTests!;
    const run = jest.spyOn(pool, 'run');
    const texts = Array.from({ length: 70 }, (_, i) => `prompt number ${i}`);
    const vs = await svc.embedTexts(texts);
    expect(vs).toHaveLength(70);
    expect(run.mock.calls.map(([j]) => (j as PoolJob).count)).toEqual([64, 6]);
    run.mockRestore();
  });

  it('tokenizes with the model max length and reports truncation', () => {
    expect(svc.tokenize('How are you doing?')).toEqual({
      ids: [49406, 829, 631, 592, 1960, 286, 49407, ...Array(9).fill(49407)],
      length: 7,
      truncated: false,
    });
    expect(svc.tokenize('one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen').truncated).toBe(true);
  });

  it('fails in-flight requests with model_unavailable when a worker dies, then serves from the respawned worker', async () => {
    const pool = svc.workerPoolForTests!;
    const original = pool.run.bind(pool);
    // Kill the worker as the batch is handed to it, as a native crash mid-inference would. Terminating
    // first makes it deterministic: the pool only learns of the death from the 'exit' event, after
    // it has posted the batch, so the batch is in flight and can never complete.
    jest.spyOn(pool, 'run').mockImplementationOnce((job) => {
      void pool.terminateWorker(0);
      return original(job);
    });
    const inFlight = await Promise.allSettled(images.map((data) => svc.embedImage({ data })));
    // The killed batch fails; images batched after it may already be served by the replacement.
    const failed = inFlight.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const r of failed) expect(r.reason).toMatchObject({ code: 'model_unavailable' });
    expect(inFlight[0].status).toBe('rejected');
    jest.restoreAllMocks();

    const r = await svc.embedImage({ data: images[0] });
    expect(norm(r.embedding)).toBeCloseTo(1, 5);
    expect(svc.isReady()).toBe(true);
    expect(svc.stats().workers).toBe(1);
    const [t] = await svc.embedTexts(['a brand new prompt']);
    expect(norm(t)).toBeCloseTo(1, 5);
  });

  it('close() stops the workers and later calls fail with model_unavailable', async () => {
    const other = new ClipService(clipOptions(model.dir));
    await other.onModuleInit();
    await other.close();
    expect(other.isReady()).toBe(false);
    expect(other.stats().workers).toBe(0);
    await expect(other.embedImage({ data: images[0] })).rejects.toMatchObject({ code: 'model_unavailable' });
    await expect(other.embedTexts(['x'])).rejects.toMatchObject({ code: 'model_unavailable' });
  });
});
