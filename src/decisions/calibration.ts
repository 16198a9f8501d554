/**
 * Score calibration: Platt scaling (a logistic curve over the raw score) fitted on labelled
 * scores, and the reliability statistics that show whether a score reads as a probability.
 * Pure: numbers in, numbers out.
 */

/** p = 1 / (1 + exp(-(a * score + b))). a > 0 when higher scores mean "more likely a violation". */
export interface PlattParams {
  a: number;
  b: number;
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function applyPlatt(score: number, p: PlattParams): number {
  return sigmoid(p.a * score + p.b);
}

/**
 * Fits Platt scaling by Newton's method with backtracking line search on the regularised
 * targets Platt proposed ((N+ + 1) / (N+ + 2) and 1 / (N- + 2)), following Lin, Lin and Weng,
 * "A note on Platt's probabilistic outputs for support vector machines" (2007): the targets keep
 * the fit finite on separable data, and the line search makes it converge from any start.
 */
export function fitPlatt(scores: ArrayLike<number>, labels: ArrayLike<boolean>, maxIter = 100): PlattParams {
  const n = scores.length;
  if (n !== labels.length) throw new Error(`calibration: ${n} scores but ${labels.length} labels`);
  let pos = 0;
  for (let i = 0; i < n; i++) if (labels[i]) pos++;
  const neg = n - pos;
  if (pos === 0 || neg === 0) throw new Error(`calibration needs positive and negative examples (got ${pos} positive, ${neg} negative)`);
  const hiT = (pos + 1) / (pos + 2);
  const loT = 1 / (neg + 2);
  const t = Array.from({ length: n }, (_, i) => (labels[i] ? hiT : loT));
  // Lin et al. parameterise p = 1 / (1 + exp(A f + B)); we return a = -A, b = -B.
  let A = 0;
  let B = Math.log((neg + 1) / (pos + 1));
  const sigma = 1e-12;
  const fval = (A_: number, B_: number) => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const fApB = scores[i] * A_ + B_;
      f += fApB >= 0 ? t[i] * fApB + Math.log1p(Math.exp(-fApB)) : (t[i] - 1) * fApB + Math.log1p(Math.exp(fApB));
    }
    return f;
  };
  let f = fval(A, B);
  for (let it = 0; it < maxIter; it++) {
    let h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
    for (let i = 0; i < n; i++) {
      const fApB = scores[i] * A + B;
      const p = fApB >= 0 ? Math.exp(-fApB) / (1 + Math.exp(-fApB)) : 1 / (1 + Math.exp(fApB));
      const q = 1 - p;
      const d2 = p * q;
      h11 += scores[i] * scores[i] * d2;
      h22 += d2;
      h21 += scores[i] * d2;
      const d1 = t[i] - p;
      g1 += scores[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    let moved = false;
    while (step >= 1e-10) {
      const nA = A + step * dA;
      const nB = B + step * dB;
      const nf = fval(nA, nB);
      if (nf < f + 1e-4 * step * gd) {
        A = nA;
        B = nB;
        f = nf;
        moved = true;
        break;
      }
      step /= 2;
    }
    if (!moved) break;
  }
  return { a: -A, b: -B };
}

export interface ReliabilityBin {
  /** Bin bounds over the predicted probability, [lo, hi) (the last bin includes 1). */
  lo: number;
  hi: number;
  count: number;
  /** Mean predicted probability in the bin (null when empty). */
  meanPredicted: number | null;
  /** Fraction of positives in the bin (null when empty). */
  observed: number | null;
}

export interface Reliability {
  bins: ReliabilityBin[];
  /** Expected calibration error: count-weighted mean |observed - predicted| over bins. */
  ece: number;
  /** Mean squared error of the probability against the 0/1 label. */
  brier: number;
}

/** Reliability diagram data over equal-width bins; probabilities outside [0, 1] are clamped. */
export function reliability(probs: ArrayLike<number>, labels: ArrayLike<boolean>, binCount = 10): Reliability {
  if (probs.length !== labels.length) throw new Error(`reliability: ${probs.length} scores but ${labels.length} labels`);
  const sums = Array.from({ length: binCount }, () => ({ n: 0, p: 0, y: 0 }));
  let brier = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = Math.min(1, Math.max(0, probs[i]));
    const y = labels[i] ? 1 : 0;
    const k = Math.min(binCount - 1, Math.floor(p * binCount));
    sums[k].n++;
    sums[k].p += p;
    sums[k].y += y;
    brier += (p - y) ** 2;
  }
  const n = probs.length;
  let ece = 0;
  const bins = sums.map((s, k) => {
    if (s.n) ece += (s.n / n) * Math.abs(s.y / s.n - s.p / s.n);
    return { lo: k / binCount, hi: (k + 1) / binCount, count: s.n, meanPredicted: s.n ? s.p / s.n : null, observed: s.n ? s.y / s.n : null };
  });
  return { bins, ece: n ? ece : 0, brier: n ? brier / n : 0 };
}

/**
 * Out-of-fold calibrated probabilities: each sample is calibrated by a fit on the other folds,
 * so the "after" reliability curve is not measured on the data it was fitted to. Folds are
 * interleaved by position; a fold whose training part lacks a class falls back to the full fit.
 */
export function crossFitPlatt(scores: ArrayLike<number>, labels: ArrayLike<boolean>, folds = 5): number[] {
  const n = scores.length;
  const full = fitPlatt(scores, labels);
  const k = Math.max(2, Math.min(folds, n));
  const out = new Array<number>(n);
  for (let f = 0; f < k; f++) {
    const trainS: number[] = [];
    const trainL: boolean[] = [];
    for (let i = 0; i < n; i++) if (i % k !== f) (trainS.push(scores[i]), trainL.push(labels[i]));
    let params = full;
    if (trainL.includes(true) && trainL.includes(false)) params = fitPlatt(trainS, trainL);
    for (let i = f; i < n; i += k) out[i] = applyPlatt(scores[i], params);
  }
  return out;
}
