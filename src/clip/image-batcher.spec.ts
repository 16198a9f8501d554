import { ClipError } from './clip.types';
import { BatchRunner, ImageBatcher } from './image-batcher';

const ITEM = 4;
const DIM = 2;

/** A pool stand-in with `workers` slots whose runs finish when the test says so. */
class FakeRunner implements BatchRunner {
  busy = 0;
  calls: { count: number; data: Float32Array; lone: boolean; finish: (err?: Error) => void }[] = [];
  onIdle?: () => void;
  constructor(private readonly workers: number) {}
  idleCount() {
    return this.workers - this.busy;
  }
  runImages(data: Float32Array, count: number, lone: boolean) {
    this.busy++;
    return new Promise<{ data: Float32Array; inferenceMs: number }>((resolve, reject) => {
      this.calls.push({
        count,
        data,
        lone,
        finish: (err) => {
          this.busy--;
          // Embedding of image i = [first value of its tensor, 0]: lets tests check the routing.
          const out = new Float32Array(count * DIM);
          for (let i = 0; i < count; i++) out[i * DIM] = data[i * ITEM];
          if (err) reject(err);
          else resolve({ data: out, inferenceMs: 3 });
          this.onIdle?.();
        },
      });
    });
  }
}

const tensor = (v: number) => new Float32Array(ITEM).fill(v);
const tick = () => new Promise((r) => setImmediate(r));

const open: ImageBatcher[] = [];
afterEach(() => open.splice(0).forEach((b) => b.close()));

function make(workers: number, over: Partial<ConstructorParameters<typeof ImageBatcher>[1]> = {}) {
  const runner = new FakeRunner(workers);
  const batcher = new ImageBatcher(runner, { maxBatchSize: 4, maxWaitMs: 20, maxQueue: 10, itemSize: ITEM, dim: DIM, ...over });
  open.push(batcher);
  runner.onIdle = () => batcher.pump();
  return { runner, batcher };
}

describe('ImageBatcher', () => {
  it('sends a lone image at once when no other image is on its way, and waits for company when one is', async () => {
    let incoming = 0;
    const { runner, batcher } = make(1, { maxWaitMs: 60_000, incoming: () => incoming });
    const alone = batcher.submit(tensor(1));
    expect(runner.calls.map((c) => c.count)).toEqual([1]);
    runner.calls[0].finish();
    await expect(alone).resolves.toMatchObject({ batchSize: 1 });

    incoming = 1; // a second image is still being decoded
    const first = batcher.submit(tensor(2));
    expect(runner.calls).toHaveLength(1);
    expect(batcher.depth).toBe(1);
    incoming = 0;
    const second = batcher.submit(tensor(3));
    expect(runner.calls.map((c) => c.count)).toEqual([1, 2]);
    runner.calls[1].finish();
    const got = await Promise.all([first, second]);
    expect(got.map((g) => g.embedding[0])).toEqual([2, 3]);
  });

  it('marks a batch lone only when nothing is left queued or being decoded', async () => {
    let incoming = 0;
    const { runner, batcher } = make(1, { maxBatchSize: 2, maxWaitMs: 60_000, incoming: () => incoming });
    const pending = [batcher.submit(tensor(1))];
    incoming = 1; // more images are being decoded while these queue behind the running batch
    pending.push(batcher.submit(tensor(2)), batcher.submit(tensor(3)), batcher.submit(tensor(4)));
    incoming = 0;
    runner.calls[0].finish(); // 2 and 3 leave together with 4 still queued
    await tick();
    runner.calls[1].finish(); // then 4 with nothing behind it
    await tick();
    runner.calls[2].finish();
    incoming = 1; // a full batch leaves at once, but decoding is still going on
    pending.push(batcher.submit(tensor(5)), batcher.submit(tensor(6)));
    runner.calls[3].finish();
    await Promise.all(pending);
    expect(runner.calls.map((c) => [c.count, c.lone])).toEqual([
      [1, true],
      [2, false],
      [1, true],
      [2, false],
    ]);
    // Without an `incoming` count the batcher cannot know that nobody is coming: never lone.
    const blind = make(1, { maxWaitMs: 0 });
    const one = blind.batcher.submit(tensor(7));
    await tick();
    expect(blind.runner.calls.map((c) => c.lone)).toEqual([false]);
    blind.runner.calls[0].finish();
    await one;
  });

  it('withdraws queued images whose caller aborted, and leaves a running batch alone', async () => {
    const { runner, batcher } = make(1, { maxBatchSize: 1 });
    const cancel = new AbortController();
    const running = batcher.submit(tensor(1), undefined, cancel.signal);
    await tick();
    expect(runner.calls).toHaveLength(1); // dispatched: the worker has it
    const queued = [2, 3].map((v) => batcher.submit(tensor(v), undefined, cancel.signal));
    const other = batcher.submit(tensor(4));
    expect(batcher.depth).toBe(3);
    cancel.abort();
    expect(batcher.depth).toBe(1);
    for (const p of queued) await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    await expect(batcher.submit(tensor(5), undefined, cancel.signal)).rejects.toMatchObject({ code: 'cancelled' });
    runner.calls[0].finish();
    expect((await running).embedding[0]).toBe(1);
    await tick();
    runner.calls[1].finish();
    expect((await other).embedding[0]).toBe(4);
    expect(runner.calls.map((c) => c.data[0])).toEqual([1, 4]);
  });

  it('releases a finished batch one result per event-loop turn, other callbacks running in between', async () => {
    const { runner, batcher } = make(1, { maxBatchSize: 3 });
    const settled: string[] = [];
    const ps = [1, 2, 3].map((v, i) => batcher.submit(tensor(v)).then((r) => (settled.push(`r${i}`), r)));
    await tick();
    expect(runner.calls.map((c) => c.count)).toEqual([3]);
    runner.calls[0].finish();
    await ps[0];
    expect(settled).toEqual(['r0']); // the others wait for later turns
    setImmediate(() => settled.push('other'));
    await Promise.all(ps);
    expect(settled).toEqual(['r0', 'r1', 'other', 'r2']);
    expect((await ps[2]).embedding[0]).toBe(3);
  });

  it('gathers concurrent calls into one batch and routes each result back', async () => {
    const { runner, batcher } = make(1);
    const ps = [1, 2, 3].map((v) => batcher.submit(tensor(v)));
    await tick();
    expect(runner.calls).toHaveLength(0); // partial batch waits up to maxWaitMs for company
    await new Promise((r) => setTimeout(r, 30));
    expect(runner.calls.map((c) => c.count)).toEqual([3]);
    expect(Array.from(runner.calls[0].data)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    runner.calls[0].finish();
    const rs = await Promise.all(ps);
    expect(rs.map((r) => r.embedding[0])).toEqual([1, 2, 3]);
    expect(rs.every((r) => r.batchSize === 3 && r.inferenceMs === 3)).toBe(true);
    // The oldest image waited the whole maxWaitMs (20) for company; the later ones were queued after
    // it (how much later depends on the machine's load), so they waited no longer than it did.
    expect(rs[0].queueMs).toBeGreaterThanOrEqual(20);
    expect(rs.every((r) => r.queueMs >= 0 && r.queueMs <= rs[0].queueMs)).toBe(true);
  });

  it('dispatches a full batch at once without waiting', async () => {
    const { runner, batcher } = make(1, { maxWaitMs: 10_000 });
    const ps = [1, 2, 3, 4].map((v) => batcher.submit(tensor(v)));
    expect(runner.calls.map((c) => c.count)).toEqual([4]);
    runner.calls[0].finish();
    await Promise.all(ps);
  });

  it('never exceeds maxBatchSize and keeps FIFO order across batches', async () => {
    const { runner, batcher } = make(1, { maxWaitMs: 0 });
    const done = jest.fn();
    const ps = Array.from({ length: 10 }, (_, i) => batcher.submit(tensor(i)).then(done));
    expect(runner.calls.map((c) => c.count)).toEqual([1]); // worker idle, nothing to wait for
    runner.calls[0].finish();
    await tick();
    expect(runner.calls.map((c) => c.count)).toEqual([1, 4]);
    runner.calls[1].finish();
    await tick();
    runner.calls[2].finish();
    await tick();
    runner.calls[3]?.finish();
    await Promise.all(ps);
    expect(runner.calls.map((c) => c.count)).toEqual([1, 4, 4, 1]);
    expect(runner.calls.map((c) => c.data[0])).toEqual([0, 1, 5, 9]);
    expect(Math.max(...runner.calls.map((c) => c.count))).toBeLessThanOrEqual(4);
  });

  it('fills several workers in parallel', () => {
    const { runner, batcher } = make(2, { maxWaitMs: 10_000 });
    for (let i = 0; i < 9; i++) batcher.submit(tensor(i)).catch(() => undefined);
    expect(runner.calls.map((c) => c.count)).toEqual([4, 4]);
    expect(batcher.depth).toBe(1);
  });

  it('rejects at once with "overloaded" when maxQueue images wait', async () => {
    const { runner, batcher } = make(1, { maxQueue: 3, maxBatchSize: 2, maxWaitMs: 0 });
    const first = batcher.submit(tensor(0)); // goes straight to the worker
    const queued = [1, 2, 3].map((v) => batcher.submit(tensor(v)));
    // At once: settled before the event loop's next turn (no timer, no wait for the worker).
    const err = await Promise.race([batcher.submit(tensor(9)).catch((e: unknown) => e), new Promise((r) => setImmediate(() => r('still pending after a turn')))]);
    expect(err).toBeInstanceOf(ClipError);
    expect((err as ClipError).code).toBe('overloaded');
    expect(batcher.depth).toBe(3);
    runner.calls[0].finish();
    await tick();
    runner.calls[1].finish();
    await tick();
    runner.calls[2].finish();
    await expect(Promise.all([first, ...queued])).resolves.toHaveLength(4);
  });

  it('rejects with "deadline_exceeded" when the deadline passes while queued, and drops the image', async () => {
    const { runner, batcher } = make(1, { maxWaitMs: 0 });
    const busy = batcher.submit(tensor(0));
    const late = batcher.submit(tensor(1), performance.now() + 10);
    await expect(late).rejects.toMatchObject({ code: 'deadline_exceeded' });
    expect(batcher.depth).toBe(0);
    runner.calls[0].finish();
    await busy;
    expect(runner.calls).toHaveLength(1);
  });

  it('rejects with "deadline_exceeded" when inference outlasts the deadline', async () => {
    const { runner, batcher } = make(1, { maxWaitMs: 0 });
    const p = batcher.submit(tensor(0), performance.now() + 10);
    await expect(p).rejects.toMatchObject({ code: 'deadline_exceeded' });
    runner.calls[0].finish(); // late result is ignored
  });

  it('fails every image of a failed batch with the runner error', async () => {
    const { runner, batcher } = make(1, { maxWaitMs: 10_000, maxBatchSize: 2 });
    const ps = [batcher.submit(tensor(1)), batcher.submit(tensor(2))];
    runner.calls[0].finish(new ClipError('model_unavailable', 'worker died'));
    for (const p of ps) await expect(p).rejects.toMatchObject({ code: 'model_unavailable' });
  });

  it('reports each batch to onBatch and rejects waiting images on close', async () => {
    const { runner, batcher } = make(1, { maxWaitMs: 10_000, maxBatchSize: 2 });
    const onBatch = jest.fn();
    batcher.onBatch = onBatch;
    const ps = [batcher.submit(tensor(1)), batcher.submit(tensor(2))];
    const waiting = batcher.submit(tensor(3));
    runner.calls[0].finish();
    await Promise.all(ps);
    expect(onBatch).toHaveBeenCalledWith(2, 3);
    batcher.close();
    await expect(waiting).rejects.toMatchObject({ code: 'model_unavailable' });
    await expect(batcher.submit(tensor(4))).rejects.toMatchObject({ code: 'model_unavailable' });
  });

  it('still dispatches when the wait runs out between the pump check and arming the timer', async () => {
    // Clock readings: enqueue at 0, pump sees 4.9 (< maxWait, so it waits), the timer arm sees 5.1.
    const readings = [0, 4.9, 5.1];
    const now = jest.spyOn(performance, 'now').mockImplementation(() => readings.shift() ?? 10);
    try {
      const { runner, batcher } = make(1, { maxWaitMs: 5 });
      const p = batcher.submit(tensor(7));
      p.catch(() => undefined); // if it never dispatches, afterEach's close() rejects it
      await new Promise((r) => setTimeout(r, 20));
      expect(runner.calls.map((c) => c.count)).toEqual([1]);
      runner.calls[0].finish();
      await expect(p).resolves.toMatchObject({ batchSize: 1 });
    } finally {
      now.mockRestore();
    }
  });

  it('refuses a tensor of the wrong size', async () => {
    const { batcher } = make(1);
    await expect(batcher.submit(new Float32Array(3))).rejects.toThrow(/expected 4/);
  });
});
