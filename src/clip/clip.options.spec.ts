import { SMALL_VISION_GRAPH_BYTES, intraOpThreadsFor, threadPlan } from './clip.options';

describe('intraOpThreadsFor', () => {
  const MB = 1024 * 1024;

  it('auto: one thread for a small vision graph (the demo model), every core for a large one (ViT-B/32)', () => {
    expect(intraOpThreadsFor('auto', 8.7 * MB, 2)).toBe(1);
    expect(intraOpThreadsFor('auto', 96 * MB, 2)).toBe(2);
    expect(intraOpThreadsFor('auto', 351 * MB, 16)).toBe(16);
  });

  it('auto: the bound is exclusive and a machine reporting no cores still gets one thread', () => {
    expect(intraOpThreadsFor('auto', SMALL_VISION_GRAPH_BYTES - 1, 8)).toBe(1);
    expect(intraOpThreadsFor('auto', SMALL_VISION_GRAPH_BYTES, 8)).toBe(8);
    expect(intraOpThreadsFor('auto', SMALL_VISION_GRAPH_BYTES, 0)).toBe(1);
  });

  it('a number is taken as it is, whatever the graph', () => {
    expect(intraOpThreadsFor(3, 8.7 * MB, 2)).toBe(3);
    expect(intraOpThreadsFor(1, 351 * MB, 16)).toBe(1);
  });
});

describe('threadPlan', () => {
  const MB = 1024 * 1024;
  // Graph sizes of the models measured in docs/performance.md.
  const demo = { visionBytes: 8.7 * MB, textBytes: 5.2 * MB };
  const int8 = { visionBytes: 95.7e6, textBytes: 64.1e6 };
  const fp32 = { visionBytes: 351.2e6, textBytes: 253.7e6 };
  const auto = { workers: 'auto', intraOpThreads: 'auto', soloThreads: 'auto' } as const;

  it('auto: one single-threaded worker for the demo model, whatever the cores', () => {
    expect(threadPlan(auto, demo, 2)).toEqual({ workers: 1, intraOpThreads: 1, soloThreads: 0 });
    expect(threadPlan(auto, demo, 16)).toEqual({ workers: 1, intraOpThreads: 1, soloThreads: 0 });
  });

  it('auto: int8 ViT-B/32 gets a second worker, the cores shared out, and a solo session of every core', () => {
    expect(threadPlan(auto, int8, 2)).toEqual({ workers: 2, intraOpThreads: 1, soloThreads: 2 });
    expect(threadPlan(auto, int8, 16)).toEqual({ workers: 2, intraOpThreads: 8, soloThreads: 16 });
    // One core: no room for a second worker or a larger solo session.
    expect(threadPlan(auto, int8, 1)).toEqual({ workers: 1, intraOpThreads: 1, soloThreads: 0 });
  });

  it('auto: fp32 ViT-B/32 stays one worker on every core (a second copy would pass the memory budget)', () => {
    expect(threadPlan(auto, fp32, 2)).toEqual({ workers: 1, intraOpThreads: 2, soloThreads: 0 });
    expect(threadPlan(auto, fp32, 16)).toEqual({ workers: 1, intraOpThreads: 16, soloThreads: 0 });
  });

  it('a mid-sized graph gets as many workers as the budget holds, at most one per core', () => {
    const small = { visionBytes: 40 * MB, textBytes: 24 * MB }; // 2 x 64 MiB per extra worker: 4 extra
    expect(threadPlan(auto, small, 16).workers).toBe(5);
    expect(threadPlan(auto, small, 3).workers).toBe(3);
  });

  it('numbers are taken as they are; auto threads share the cores among the workers given', () => {
    expect(threadPlan({ workers: 2, intraOpThreads: 'auto', soloThreads: 0 }, int8, 2)).toEqual({ workers: 2, intraOpThreads: 1, soloThreads: 0 });
    expect(threadPlan({ workers: 3, intraOpThreads: 'auto', soloThreads: 'auto' }, fp32, 16)).toEqual({ workers: 3, intraOpThreads: 5, soloThreads: 16 });
    expect(threadPlan({ workers: 1, intraOpThreads: 4, soloThreads: 'auto' }, int8, 16)).toEqual({ workers: 1, intraOpThreads: 4, soloThreads: 0 });
    // A solo session no larger than the workers' own threads would add nothing.
    expect(threadPlan({ workers: 2, intraOpThreads: 2, soloThreads: 2 }, int8, 4)).toEqual({ workers: 2, intraOpThreads: 2, soloThreads: 0 });
    expect(threadPlan({ workers: 2, intraOpThreads: 1, soloThreads: 2 }, demo, 2)).toEqual({ workers: 2, intraOpThreads: 1, soloThreads: 2 });
  });
});
