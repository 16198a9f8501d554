import { AsyncLocalStorage } from 'async_hooks';
import { CoalescedRunner } from './coalesced-runner';

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
