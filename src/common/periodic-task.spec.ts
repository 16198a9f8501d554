import { PeriodicTask } from './periodic-task';

/** A task whose passes wait for the test to release them, so "a pass is in progress" is a chosen state. */
function gated<T>(results: (n: number) => T) {
  const gates: (() => void)[] = [];
  let passes = 0;
  const run = async () => {
    const n = ++passes;
    await new Promise<void>((r) => gates.push(r));
    return results(n);
  };
  return { run, gates, passes: () => passes };
}

const log = () => ({ warn: jest.fn(), error: jest.fn() });

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('runs a pass every interval once started, and none before', async () => {
    let passes = 0;
    const task = new PeriodicTask({ name: 'sweep', everyMs: 1000, run: async () => void passes++, log: log() });
    await jest.advanceTimersByTimeAsync(5000);
    expect(passes).toBe(0);
    task.start();
    await jest.advanceTimersByTimeAsync(999);
    expect(passes).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(passes).toBe(1);
    await jest.advanceTimersByTimeAsync(2000);
    expect(passes).toBe(3);
    await task.stop();
  });

  it('never overlaps passes: ticks during a long pass fold into one more pass after it', async () => {
    const t = gated(() => undefined);
    const task = new PeriodicTask({ name: 'poll', everyMs: 1000, run: t.run, log: log() });
    task.start();
    await jest.advanceTimersByTimeAsync(1000);
    expect(t.passes()).toBe(1);
    await jest.advanceTimersByTimeAsync(5000);
    task.trigger();
    expect(t.passes()).toBe(1);
    t.gates[0]();
    await jest.advanceTimersByTimeAsync(0);
    expect(t.passes()).toBe(2);
    t.gates[1]();
    await task.stop();
    expect(t.passes()).toBe(2);
  });

  it('runNow() resolves with the result of a pass that started after the call; join shares the pass in progress', async () => {
    const t = gated((n) => `pass ${n}`);
    const task = new PeriodicTask({ name: 'sweep', everyMs: 1000, run: t.run, log: log() });
    const first = task.runNow();
    const joined = task.runNow({ join: true });
    const fresh = task.runNow();
    t.gates[0]();
    expect(await first).toBe('pass 1');
    expect(await joined).toBe('pass 1');
    await jest.advanceTimersByTimeAsync(0);
    t.gates[1]();
    expect(await fresh).toBe('pass 2');
  });

  it('logs a failed pass with the task name at its level, and runNow() rejects with the error; the task goes on', async () => {
    const logger = log();
    let fail = true;
    const task = new PeriodicTask({
      name: 'retention sweep',
      everyMs: 1000,
      level: 'error',
      run: async () => {
        if (fail) throw new Error('disk gone');
        return 3;
      },
      log: logger,
    });
    await expect(task.runNow()).rejects.toThrow('disk gone');
    task.start();
    await jest.advanceTimersByTimeAsync(1000);
    expect(logger.error.mock.calls).toEqual([['retention sweep failed: disk gone'], ['retention sweep failed: disk gone']]);
    expect(logger.warn).not.toHaveBeenCalled();
    fail = false;
    expect(await task.runNow()).toBe(3);
    await task.stop();
  });

  it('stop() clears the timer and waits for the pass in progress; afterwards nothing runs', async () => {
    const t = gated(() => 1);
    const task = new PeriodicTask({ name: 'poll', everyMs: 1000, run: t.run, log: log() });
    task.start();
    await jest.advanceTimersByTimeAsync(1000);
    task.trigger(); // asked for during the pass: skipped once stopped
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    t.gates[0]();
    await stopping;
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(10_000);
    task.trigger();
    await expect(task.runNow()).rejects.toThrow('poll: stopped');
    expect(t.passes()).toBe(1);
  });

  it('again() from inside a pass asks for one more pass', async () => {
    let passes = 0;
    const task: PeriodicTask = new PeriodicTask({
      name: 'poll',
      everyMs: 1000,
      run: async () => {
        if (++passes === 1) task.again();
      },
      log: log(),
    });
    task.trigger();
    await task.idle();
    expect(passes).toBe(2);
  });
});
