import { Action, ACTION_ORDER, Thresholds } from './decision.types';

/**
 * Cosine of two L2-normalised vectors (a plain dot product). Hot path: called once per
 * (image, prompt) pair, so no allocation and a single indexed loop.
 */
export function cosine(a: Float32Array, b: Float32Array): number {
  const n = a.length;
  if (n !== b.length) throw new Error(`cosine: dimension mismatch ${n} vs ${b.length}`);
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

export function actionRank(a: Action): number {
  return ACTION_ORDER.indexOf(a);
}

/** The most severe action in the list; 'allow' for an empty list. */
export function mostSevere(actions: Iterable<Action>): Action {
  let best = 0;
  for (const a of actions) best = Math.max(best, actionRank(a));
  return ACTION_ORDER[best];
}

/** The most severe threshold the score reaches (inclusive: score >= threshold). */
export function actionFor(score: number, t: Thresholds): Action {
  if (t.block !== undefined && score >= t.block) return 'block';
  if (t.blur !== undefined && score >= t.blur) return 'blur';
  if (t.flag !== undefined && score >= t.flag) return 'flag';
  return 'allow';
}

/**
 * Probability mass on the `own` logits in a softmax over own + others, computed with
 * max-subtraction so large logit scales (100 for released CLIP) cannot overflow exp().
 */
export function softmaxShare(own: ArrayLike<number>, others: ArrayLike<number>, scale: number): number {
  if (own.length === 0) return 0;
  let max = -Infinity;
  for (let i = 0; i < own.length; i++) max = Math.max(max, own[i]);
  for (let i = 0; i < others.length; i++) max = Math.max(max, others[i]);
  let ownSum = 0;
  let total = 0;
  for (let i = 0; i < own.length; i++) ownSum += Math.exp(scale * (own[i] - max));
  total = ownSum;
  for (let i = 0; i < others.length; i++) total += Math.exp(scale * (others[i] - max));
  return ownSum / total;
}

/** Short decimal for reasons: 0.31 rather than 0.3100000023841858. */
export function fmt(x: number): string {
  return String(Number(x.toFixed(3)));
}
