import { join } from 'path';
import { makeTinyModelDir } from '../../test/support/clip-tiny-model';
import { WorkerPool } from './worker-pool';

/**
 * A pool on a model folder: `dim` the projection, `size` the image side, `len` the text context; one
 * worker unless `workers`, and `soloThreads` for worker 0's solo session.
 */
const onePool = (dir: string, dim: number, size: number, len: number, workers = 1, soloThreads = 0) =>
  new WorkerPool(
    {
      visionPath: join(dir, 'onnx/vision_model.onnx'),
      textPath: join(dir, 'onnx/text_model.onnx'),
      intraOpThreads: 1,
      soloThreads,
      allowSpinning: false,
      forceSpinningStop: true,
      dynamicBlockBase: 0,
      projectionDim: dim,
      imageDims: [3, size, size],
      maxTextLength: len,
      warmupIds: [49406, 49407, ...Array(len - 2).fill(49407)],
    },
    workers,
  );

describe('WorkerPool with the demo model', () => {
  const DEMO = join(__dirname, '../../models/emoji-clip-demo');

  it('runs ORT off the main thread: the main thread takes turns while the worker is inside a run', async () => {
    const p = onePool(DEMO, 256, 64, 32);
    await p.start();
    try {
      // A main-thread turn stamped strictly inside the worker's run on the process-wide clock
      // cannot happen if the run blocks the main thread, however slow or loaded the machine is.
      // The ticker keeps at most 100 000 stamps, so a run that never ends fails on Jest's limit
      // rather than filling memory.
      const ticks: bigint[] = [];
      let ticking = true;
      const tick = () => {
        ticks.push(process.hrtime.bigint());
        if (ticking && ticks.length < 100_000) setImmediate(tick);
      };
      const count = 64;
      const batch = () => {
        // The pool transfers the buffer to the worker, so each run gets its own.
        const data = new Float32Array(count * 3 * 64 * 64);
        for (let i = 0; i < data.length; i++) data[i] = ((i * 7919) % 401) / 100 - 2;
        return data;
      };
      const inputs = [batch(), batch(), batch()];
      setImmediate(tick);
      const runs = [];
      for (const data of inputs) runs.push(await p.run({ kind: 'image', data, count }));
      ticking = false;
      for (const r of runs) {
        expect(r.data).toHaveLength(count * 256);
        expect(r.endedNs).toBeGreaterThan(r.startedNs);
        expect(r.inferenceMs).toBeCloseTo(Number(r.endedNs - r.startedNs) / 1e6, 6);
      }
      const inside = runs.map((r) => ticks.filter((t) => t > r.startedNs && t < r.endedNs).length);
      expect(Math.max(...inside)).toBeGreaterThan(0);
    } finally {
      await p.close();
    }
  });
});

describe('WorkerPool shutdown', () => {
  const model = makeTinyModelDir();
  afterAll(() => model.cleanup());

  const pool = () => onePool(model.dir, 8, 32, 16);

  it('close() during start-up waits for the worker to be ready instead of terminating it mid-load', async () => {
    // Terminating a worker while ORT opens a session aborts the process (seen with ViT-B/32).
    const p = pool();
    const started = p.start().then(() => 'ready', (e: Error) => e.message);
    await p.close();
    await expect(started).resolves.toBe('ready');
    expect(p.alive).toBe(0);
  });

  it('close() lets the running job finish and rejects the queued ones', async () => {
    const p = pool();
    await p.start();
    const running = p.run({ kind: 'image', data: new Float32Array(3 * 32 * 32), count: 1 });
    const queued = p.run({ kind: 'image', data: new Float32Array(3 * 32 * 32), count: 1 }).then(
      () => 'ok',
      (e: { code: string }) => e.code,
    );
    await p.close();
    expect((await running).data).toHaveLength(8); // (toBeInstanceOf fails across the worker's realm)
    await expect(queued).resolves.toBe('model_unavailable');
    await expect(p.run({ kind: 'image', data: new Float32Array(3 * 32 * 32), count: 1 })).rejects.toMatchObject({ code: 'model_unavailable' });
  });
});

describe('WorkerPool with a solo session', () => {
  const model = makeTinyModelDir();
  afterAll(() => model.cleanup());
  const image = () => ({ kind: 'image' as const, data: new Float32Array(3 * 32 * 32), count: 1 });

  it('runs a lone image on worker 0\'s solo session and a crowd on the single-threaded ones', async () => {
    const p = onePool(model.dir, 8, 32, 16, 2, 2);
    await p.start();
    try {
      // Alone, one after another: every job finds the pool empty.
      const lone = [await p.run(image()), await p.run(image())];
      expect(lone.map((r) => r.threads)).toEqual([2, 2]);
      // Alone in the pool, but its caller knows more images are coming.
      expect((await p.run({ ...image(), lone: false })).threads).toBe(1);
      // Three at once: the first still finds the pool empty; the second goes to worker 1 while worker 0
      // runs, the third waits for a worker while the other is still busy: neither runs solo.
      const crowd = await Promise.all([p.run(image()), p.run(image()), p.run(image())]);
      expect(crowd.map((r) => r.threads)).toEqual([2, 1, 1]);
      // Solo and plain runs of one graph give the same embedding (up to the order of float sums).
      const diff = Math.max(...Array.from(crowd[1].data, (v, i) => Math.abs(v - lone[0].data[i])));
      expect(diff).toBeLessThan(1e-5);
      // Text jobs keep the plain session.
      const text = await p.run({ kind: 'text', ids: new BigInt64Array(16).fill(49407n), count: 1 });
      expect(text.threads).toBe(1);
    } finally {
      await p.close();
    }
  });

  it('without soloThreads every job runs on the plain session', async () => {
    const p = onePool(model.dir, 8, 32, 16, 2, 0);
    await p.start();
    try {
      expect((await p.run(image())).threads).toBe(1);
    } finally {
      await p.close();
    }
  });
});
