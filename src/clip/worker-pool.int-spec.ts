import { join } from 'path';
import { makeTinyModelDir } from '../../test/support/clip-tiny-model';
import { WorkerPool } from './worker-pool';

/** A one-worker pool on a model folder: `dim` the projection, `size` the image side, `len` the text context. */
const onePool = (dir: string, dim: number, size: number, len: number) =>
  new WorkerPool(
    {
      visionPath: join(dir, 'onnx/vision_model.onnx'),
      textPath: join(dir, 'onnx/text_model.onnx'),
      intraOpThreads: 1,
      allowSpinning: false,
      forceSpinningStop: true,
      dynamicBlockBase: 0,
      projectionDim: dim,
      imageDims: [3, size, size],
      maxTextLength: len,
      warmupIds: [49406, 49407, ...Array(len - 2).fill(49407)],
    },
    1,
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
