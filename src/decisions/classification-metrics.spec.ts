import { confusion, prCurve, thresholdForPrecision, thresholdForRecall } from './classification-metrics';

//            pos   pos   neg   pos   neg   neg
const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.5];
const labels = [true, true, false, true, false, false];

describe('confusion', () => {
  it.each([
    [0.95, { tp: 0, fp: 0, tn: 3, fn: 3, precision: 0, recall: 0, fpr: 0 }],
    [0.8, { tp: 2, fp: 0, tn: 3, fn: 1, precision: 1, recall: 2 / 3, fpr: 0 }],
    [0.6, { tp: 3, fp: 1, tn: 2, fn: 0, precision: 0.75, recall: 1, fpr: 1 / 3 }],
    [0.5, { tp: 3, fp: 3, tn: 0, fn: 0, precision: 0.5, recall: 1, fpr: 1 }],
  ])('at threshold %p (inclusive)', (t, expected) => {
    const c = confusion(scores, labels, t);
    expect(c.threshold).toBe(t);
    for (const [k, v] of Object.entries(expected)) expect(c[k as keyof typeof c]).toBeCloseTo(v, 10);
  });
  it('rejects mismatched lengths', () => {
    expect(() => confusion([1, 2], [true], 0)).toThrow(/2 scores but 1 labels/);
  });
});

describe('prCurve', () => {
  it('has one point per distinct score, descending, matching confusion()', () => {
    const curve = prCurve(scores, labels);
    expect(curve.map((p) => p.threshold)).toEqual([0.9, 0.8, 0.7, 0.6, 0.5]);
    for (const p of curve) expect(p).toEqual(confusion(scores, labels, p.threshold));
  });
  it('is empty for no data', () => {
    expect(prCurve([], [])).toEqual([]);
  });
});

describe('threshold selection', () => {
  it.each([
    [1, 0.8],
    [0.75, 0.6],
    [0.7, 0.6],
    [0.5, 0.5],
  ])('precision >= %p -> lowest such threshold %p', (target, t) => {
    expect(thresholdForPrecision(scores, labels, target)?.threshold).toBe(t);
  });
  it.each([
    [0.3, 0.9],
    [2 / 3, 0.8],
    [1, 0.6],
  ])('recall >= %p -> highest such threshold %p', (target, t) => {
    expect(thresholdForRecall(scores, labels, target)?.threshold).toBe(t);
  });
  it('returns null when no threshold reaches the target', () => {
    expect(thresholdForPrecision([0.9, 0.1], [false, true], 0.9)).toBeNull();
    expect(thresholdForRecall([0.5], [false], 0.5)).toBeNull();
  });
});
