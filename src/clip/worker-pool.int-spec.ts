import { join } from 'path';
import { makeTinyModelDir } from '../../test/support/clip-tiny-model';
import { WorkerPool } from './worker-pool';

describe('WorkerPool shutdown', () => {
  const model = makeTinyModelDir();
  afterAll(() => model.cleanup());

  const pool = () =>
    new WorkerPool(
      {
        visionPath: join(model.dir, 'onnx/vision_model.onnx'),
        textPath: join(model.dir, 'onnx/text_model.onnx'),
        intraOpThreads: 1,
        allowSpinning: false,
        forceSpinningStop: true,
        dynamicBlockBase: 0,
        projectionDim: 8,
        imageDims: [3, 32, 32],
        maxTextLength: 16,
        warmupIds: [49406, 49407, ...Array(14).fill(49407)],
      },
      1,
    );

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
