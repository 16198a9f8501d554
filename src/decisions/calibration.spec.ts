import { applyPlatt, crossFitPlatt, fitPlatt, reliability, sigmoid } from './calibration';

/** Deterministic samples from a known logistic model: P(y=1 | s) = sigmoid(a s + b). */
function synthetic(a: number, b: number, n: number): { scores: number[]; labels: boolean[] } {
  let seed = 12345;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const scores: number[] = [];
  const labels: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const s = rand();
    scores.push(s);
    labels.push(rand() < sigmoid(a * s + b));
  }
  return { scores, labels };
}

describe('sigmoid', () => {
  it('is stable at both ends and symmetric', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(2) + sigmoid(-2)).toBeCloseTo(1, 12);
  });
});

describe('fitPlatt', () => {
  it('recovers the parameters of a logistic model from its samples', () => {
    const { scores, labels } = synthetic(12, -6, 20000);
    const p = fitPlatt(scores, labels);
    expect(p.a).toBeGreaterThan(10.5);
    expect(p.a).toBeLessThan(13.5);
    expect(p.b).toBeGreaterThan(-6.8);
    expect(p.b).toBeLessThan(-5.2);
  });

  it('is increasing when positives score higher, decreasing when they score lower', () => {
    const up = fitPlatt([0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [false, false, false, true, true, true]);
    expect(up.a).toBeGreaterThan(0);
    const down = fitPlatt([0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [true, true, true, false, false, false]);
    expect(down.a).toBeLessThan(0);
  });

  it('stays finite on perfectly separable data (Platt targets)', () => {
    const p = fitPlatt([0, 0, 1, 1], [false, false, true, true]);
    expect(Number.isFinite(p.a) && Number.isFinite(p.b)).toBe(true);
    // Targets are 3/4 and 1/4 with two of each class.
    expect(applyPlatt(1, p)).toBeCloseTo(0.75, 3);
    expect(applyPlatt(0, p)).toBeCloseTo(0.25, 3);
  });

  it('rejects a single-class sample and mismatched lengths', () => {
    expect(() => fitPlatt([0.1, 0.2], [true, true])).toThrow(/positive and negative/);
    expect(() => fitPlatt([0.1], [true, false])).toThrow(/1 scores but 2 labels/);
  });
});

describe('reliability', () => {
  it('bins predictions and measures ECE and Brier exactly', () => {
    const probs = [0.05, 0.15, 0.15, 0.95, 0.95, 1];
    const labels = [false, false, true, true, true, false];
    const r = reliability(probs, labels, 10);
    expect(r.bins).toHaveLength(10);
    expect(r.bins[1]).toMatchObject({ count: 2, observed: 0.5 });
    expect(r.bins[1].meanPredicted).toBeCloseTo(0.15, 12);
    expect(r.bins[9]).toMatchObject({ count: 3 }); // 1.0 falls in the last bin
    expect(r.bins[5]).toMatchObject({ count: 0, observed: null, meanPredicted: null });
    const ece = (1 / 6) * 0.05 + (2 / 6) * 0.35 + (3 / 6) * Math.abs(2 / 3 - (0.95 + 0.95 + 1) / 3);
    expect(r.ece).toBeCloseTo(ece, 12);
    const brier = (0.05 ** 2 + 0.15 ** 2 + 0.85 ** 2 + 0.05 ** 2 + 0.05 ** 2 + 1) / 6;
    expect(r.brier).toBeCloseTo(brier, 12);
  });

  it('calibration lowers the error of a badly scaled score', () => {
    // Scores squeezed into [0.4, 0.6] although the true probabilities span [0, 1].
    const { scores, labels } = synthetic(10, -5, 4000);
    const squeezed = scores.map((s) => 0.4 + 0.2 * s);
    const before = reliability(squeezed, labels);
    const after = reliability(crossFitPlatt(squeezed, labels), labels);
    expect(after.ece).toBeLessThan(before.ece / 3);
    expect(after.brier).toBeLessThan(before.brier);
  });
});
