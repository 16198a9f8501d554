import { backoffMs } from './backoff';

describe('backoffMs', () => {
  it('doubles per attempt, capped, with jitter in [d/2, d]', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 1000, 1e9, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 1000, 1e9, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffMs(30, 1000, 6 * 3600_000, () => 1)).toBe(6 * 3600_000);
    for (let i = 0; i < 100; i++) {
      const d = backoffMs(3, 1000, 1e9);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });

  it('the default webhook schedule (5 s base, 6 h cap) spans about three days in ~20 attempts', () => {
    let t = 0;
    let n = 0;
    while (t < 3 * 24 * 3600_000) t += backoffMs(++n, 5000, 6 * 3600_000, () => 1);
    expect(n).toBeGreaterThan(15);
    expect(n).toBeLessThan(25);
  });
});
