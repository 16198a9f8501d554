import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('grants a burst, then one token per 1/rate seconds, and says how long to wait', () => {
    const b = new TokenBucket(2, 3, 0);
    expect([b.take(0), b.take(0), b.take(0)]).toEqual([0, 0, 0]);
    expect(b.take(0)).toBeCloseTo(0.5);
    expect(b.take(250)).toBeCloseTo(0.25);
    expect(b.take(500)).toBe(0);
    expect(b.take(10_000)).toBe(0);
    expect(b.remaining).toBe(2); // refilled to the burst, not beyond
  });
});
