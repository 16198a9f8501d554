import { AsyncLocalStorage } from 'async_hooks';
import { CoalescedRunner } from './coalesced-runner';

/** Lets every promise callback that is ready run (one turn of the event loop; no timer involved). */
const drained = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('CoalescedRunner', () => {
  it('runs once at a time and folds triggers during a run into exactly one more run', async () => {
    let runs = 0;
    let release!: () => void;
    const done: (() => void)[] = [];
    const finished = new Promise<void>((resolve) => {
      release = resolve;
    });
    const runner = new CoalescedRunner(async () => {
      runs++;
      if (runs === 1) await new Promise<void>((r) => done.push(r));
      if (runs === 2) release();
    }, () => undefined);
    runner.trigger();
    runner.trigger();
    runner.trigger();
    expect(runs).toBe(1);
    done[0]();
    await finished;
    expect(runs).toBe(2);
  });

  it('reports a failing run and keeps working', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    await new Promise<void>((resolve) => {
      const runner = new CoalescedRunner(async () => {
        calls++;
        if (calls === 1) {
          runner.again();
          throw new Error('boom');
        }
        resolve();
      }, (e) => errors.push(e));
      runner.trigger();
    });
    expect(calls).toBe(2);
    expect((errors[0] as Error).message).toBe('boom');
  });

  it('resolves each trigger with the run that covers it: triggers during a run share the next run, not the current one', async () => {
    const gates: (() => void)[] = [];
    let runs = 0;
    const runner = new CoalescedRunner(async () => {
      const n = ++runs;
      await new Promise<void>((r) => gates.push(r));
      return `run ${n}`;
    }, () => undefined);
    const first = runner.trigger();
    const second = runner.trigger();
    const third = runner.trigger();
    expect(second).toBe(third);
    expect(second).not.toBe(first);
    gates[0]();
    expect(await first).toBe('run 1');
    await drained();
    expect(runs).toBe(2);
    gates[1]();
    expect(await second).toBe('run 2');
    expect(await third).toBe('run 2');
    expect(runs).toBe(2);
  });

  it('join() shares the run in progress, and starts one when none runs', async () => {
    const gates: (() => void)[] = [];
    let runs = 0;
    const runner = new CoalescedRunner(async () => {
      const n = ++runs;
      await new Promise<void>((r) => gates.push(r));
      return n;
    }, () => undefined);
    const running = runner.trigger();
    expect(runner.join()).toBe(running);
    gates[0]();
    expect(await running).toBe(1);
    const fresh = runner.join();
    expect(runs).toBe(2);
    gates[1]();
    expect(await fresh).toBe(2);
  });

  it('a failing run goes to onError and resolves undefined (never rejects), also when the task throws before its first await', async () => {
    const errors: string[] = [];
    let fail: 'sync' | 'async' | null = 'async';
    const runner = new CoalescedRunner<number>(
      (() => {
        if (fail === 'sync') throw new Error('sync boom');
        return fail === 'async' ? Promise.reject(new Error('async boom')) : Promise.resolve(7);
      }) as () => Promise<number>,
      (e) => errors.push((e as Error).message),
    );
    await expect(runner.trigger()).resolves.toBeUndefined();
    fail = 'sync';
    await expect(runner.trigger()).resolves.toBeUndefined();
    fail = null;
    await expect(runner.trigger()).resolves.toBe(7);
    expect(errors).toEqual(['async boom', 'sync boom']);
  });

  it('an onError that throws does not wedge the runner', async () => {
    const runner = new CoalescedRunner<number>(async () => {
      throw new Error('boom');
    }, () => {
      throw new Error('logger down');
    });
    await expect(runner.trigger()).resolves.toBeUndefined();
    await runner.idle();
  });

  it('idle() resolves at once when nothing runs, and otherwise only after the run asked for during the current one', async () => {
    const gates: (() => void)[] = [];
    const finished: number[] = [];
    let runs = 0;
    const runner = new CoalescedRunner(async () => {
      const n = ++runs;
      await new Promise<void>((r) => gates.push(r));
      finished.push(n);
    }, () => undefined);
    await runner.idle();
    void runner.trigger();
    void runner.trigger();
    let idle = false;
    const waiting = runner.idle().then(() => (idle = true));
    gates[0]();
    await drained();
    expect(gates).toHaveLength(2);
    expect(idle).toBe(false);
    gates[1]();
    await waiting;
    expect(finished).toEqual([1, 2]);
  });

  it('runs the task in the context it was created in, not in the triggering request\'s (log lines keep their own request id)', async () => {
    const als = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const runner = als.run('start-up', () => new CoalescedRunner(async () => (seen.push(als.getStore()), done()), () => undefined));
    als.run('request-1', () => runner.trigger());
    await finished;
    expect(seen).toEqual(['start-up']);
  });
});
