import { SMALL_VISION_GRAPH_BYTES, intraOpThreadsFor } from './clip.options';

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
