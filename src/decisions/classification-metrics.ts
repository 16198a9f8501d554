/**
 * Threshold-tuning helpers for evaluation runs. Convention: a score >= threshold is a
 * positive prediction (the same inclusive rule as the decision engine); ratios with a zero
 * denominator are 0.
 */
export interface Confusion {
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  precision: number;
  recall: number;
  /** False positive rate: fp / (fp + tn). */
  fpr: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

function check(scores: ArrayLike<number>, labels: ArrayLike<boolean>): void {
  if (scores.length !== labels.length) {
    throw new Error(`metrics: ${scores.length} scores but ${labels.length} labels`);
  }
}

function make(threshold: number, tp: number, fp: number, tn: number, fn: number): Confusion {
  return { threshold, tp, fp, tn, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), fpr: ratio(fp, fp + tn) };
}

export function confusion(scores: ArrayLike<number>, labels: ArrayLike<boolean>, threshold: number): Confusion {
  check(scores, labels);
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = scores[i] >= threshold;
    if (predicted && labels[i]) tp++;
    else if (predicted) fp++;
    else if (labels[i]) fn++;
    else tn++;
  }
  return make(threshold, tp, fp, tn, fn);
}

/**
 * One point per distinct score, threshold descending (recall non-decreasing). Sorting once
 * and sweeping keeps this O(n log n) instead of a confusion() per candidate threshold.
 */
export function prCurve(scores: ArrayLike<number>, labels: ArrayLike<boolean>): Confusion[] {
  check(scores, labels);
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) positives++;
  const negatives = labels.length - positives;
  const points: Confusion[] = [];
  let tp = 0, fp = 0;
  for (let k = 0; k < idx.length; k++) {
    if (labels[idx[k]]) tp++;
    else fp++;
    const last = k === idx.length - 1 || scores[idx[k + 1]] !== scores[idx[k]];
    if (last) points.push(make(scores[idx[k]], tp, fp, negatives - fp, positives - tp));
  }
  return points;
}

/** Lowest threshold (so the highest recall) whose precision is at least `target`; null if none. */
export function thresholdForPrecision(scores: ArrayLike<number>, labels: ArrayLike<boolean>, target: number): Confusion | null {
  let best: Confusion | null = null;
  for (const p of prCurve(scores, labels)) if (p.tp > 0 && p.precision >= target) best = p;
  return best;
}

/** Highest threshold (so the fewest false positives) whose recall is at least `target`; null if none. */
export function thresholdForRecall(scores: ArrayLike<number>, labels: ArrayLike<boolean>, target: number): Confusion | null {
  for (const p of prCurve(scores, labels)) if (p.recall >= target && p.tp > 0) return p;
  return null;
}
