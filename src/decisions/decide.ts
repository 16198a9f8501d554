import {
  Action,
  CompiledPolicy,
  DecideOptions,
  DecisionResult,
  PolicyResult,
} from './decision.types';
import { applyPlatt } from './calibration';
import { DotScan } from './dot-kernel';
import { actionFor, actionRank, cosine, fmt, mostSevere } from './scoring';

/** One image's cosines per policy: views the plan owns and refills for each image (decide() is synchronous). */
interface PolicyCosines {
  prompts: Float64Array;
  contrast: Float64Array;
  examples: Float64Array;
}

/** Human readable evidence for a non-allow result; `suffix` lets frame aggregation name the frame. */
export function reasonFor(r: PolicyResult, suffix = ''): string | null {
  if (r.action === 'allow') return null;
  const act = r.action as Exclude<Action, 'allow'>;
  const shadow = r.mode === 'shadow' ? ' [shadow]' : '';
  if (r.actedOn === 'examples') {
    const threshold = (r.exampleThresholds ?? r.thresholds)[act];
    const matched = r.matchedExample ? ` (matched example "${r.matchedExample}"${suffix})` : '';
    return `${r.policyId}: example similarity ${fmt(r.exampleScore ?? r.score)} >= ${act} ${threshold}${matched}${shadow}`;
  }
  const threshold = r.thresholds[act];
  const lookAlike =
    r.closestContrast !== undefined && r.contrastSimilarity! > r.matchedSimilarity
      ? `; look-alike "${r.closestContrast}" ${fmt(r.contrastSimilarity!)} lowered it from ${fmt(r.matchedSimilarity)}`
      : '';
  const matched = r.matchedPrompt === null ? '' : ` (matched "${r.matchedPrompt}"${suffix}${lookAlike})`;
  const calibrated = r.rawScore === undefined ? '' : ` [calibrated from ${fmt(r.rawScore)}]`;
  return `${r.policyId}: score ${fmt(r.score)} >= ${act} ${threshold}${matched}${calibrated}${shadow}`;
}

/**
 * Per-set softmax terms, computed once per image. The candidates every policy competes with are the
 * prompts of the enforced policies (their exp-sums are shared) plus its own contrast prompts. Shadow
 * prompts are never candidates of another policy: a shadow policy is scored as if it alone were added
 * to the enforced set, so adding, editing or removing one cannot move an enforced score or decision.
 * Each sum is kept relative to its own maximum and rebased onto the per-policy top, so no exponent is
 * positive and nothing overflows.
 */
interface SoftmaxTerms {
  /** Highest prompt cosine over the enforced policies (-Infinity when none has prompts). */
  maxEnforced: number;
  /** Sum of exp(scale * (cosine - maxEnforced)) over every enforced prompt. */
  enforcedExp: number;
  /** Per policy: highest own prompt cosine and the exp-sum of its prompts relative to it. */
  ownMax: number[];
  ownExp: number[];
}

function softmaxTerms(policies: CompiledPolicy[], cos: PolicyCosines[], scale: number): SoftmaxTerms {
  const ownMax = cos.map((c) => c.prompts.reduce((m, x) => (x > m ? x : m), -Infinity));
  const ownExp = cos.map((c, i) => c.prompts.reduce((s, x) => s + Math.exp(scale * (x - ownMax[i])), 0));
  let maxEnforced = -Infinity;
  policies.forEach((p, i) => {
    if (p.mode !== 'shadow' && ownMax[i] > maxEnforced) maxEnforced = ownMax[i];
  });
  let enforcedExp = 0;
  policies.forEach((p, i) => {
    if (p.mode !== 'shadow' && cos[i].prompts.length > 0) enforcedExp += ownExp[i] * Math.exp(scale * (ownMax[i] - maxEnforced));
  });
  return { maxEnforced, enforcedExp, ownMax, ownExp };
}

/** softmaxShare(own, own contrast + every enforced prompt) without building the candidate list. */
function softmaxScore(i: number, shadow: boolean, cos: PolicyCosines[], t: SoftmaxTerms, scale: number): number {
  // An enforced policy's own prompts are already in the enforced sum; a shadow policy's are added.
  let top = shadow ? Math.max(t.maxEnforced, t.ownMax[i]) : t.maxEnforced;
  for (const x of cos[i].contrast) if (x > top) top = x;
  const own = t.ownExp[i] * Math.exp(scale * (t.ownMax[i] - top));
  const enforced = t.enforcedExp === 0 ? 0 : t.enforcedExp * Math.exp(scale * (t.maxEnforced - top));
  let contrast = 0;
  for (const x of cos[i].contrast) contrast += Math.exp(scale * (x - top));
  return own / (enforced + (shadow ? own : 0) + contrast);
}

function scorePolicy(
  index: number,
  policies: CompiledPolicy[],
  cos: PolicyCosines[],
  soft: () => SoftmaxTerms,
  logitScale: number,
): PolicyResult {
  const p = policies[index];
  const own = cos[index].prompts;
  let best = -1;
  for (let i = 0; i < own.length; i++) if (best < 0 || own[i] > own[best]) best = i;
  const matchedSimilarity = best < 0 ? 0 : own[best];
  const ex = cos[index].examples;
  let bestEx = -1;
  for (let i = 0; i < ex.length; i++) if (bestEx < 0 || ex[i] > ex[bestEx]) bestEx = i;
  const exampleScore = bestEx < 0 ? undefined : ex[bestEx];
  const con = cos[index].contrast;
  let bestCon = -1;
  if (p.scoring === 'contrastive') for (let i = 0; i < con.length; i++) if (bestCon < 0 || con[i] > con[bestCon]) bestCon = i;
  // Softmax competitors: the policy's own contrast prompts plus every other enforced policy's
  // prompts, so "a wrench" or a drugs prompt can pull probability away from weapons. A policy with only
  // example images is scored by its best example similarity.
  // Contrastive: the similarity, minus however far the closest look-alike beats it (s - max(0, c - s)).
  const raw =
    own.length === 0
      ? exampleScore ?? 0
      : p.scoring === 'similarity'
        ? matchedSimilarity
        : p.scoring === 'contrastive'
          ? matchedSimilarity - (bestCon < 0 ? 0 : Math.max(0, con[bestCon] - matchedSimilarity))
          : softmaxScore(index, p.mode === 'shadow', cos, soft(), logitScale);
  const score = p.calibration ? applyPlatt(raw, p.calibration) : raw;
  const scorable = own.length > 0 || exampleScore !== undefined;
  const byScore = scorable ? actionFor(score, p.thresholds) : 'allow';
  const byExamples = own.length > 0 && exampleScore !== undefined && p.exampleThresholds ? actionFor(exampleScore, p.exampleThresholds) : 'allow';
  const examplesWin = own.length === 0 ? exampleScore !== undefined : actionRank(byExamples) > actionRank(byScore);
  const r: PolicyResult = {
    policyId: p.id,
    score,
    thresholds: p.thresholds,
    action: actionRank(byExamples) > actionRank(byScore) ? byExamples : byScore,
    matchedPrompt: best < 0 ? null : p.prompts[best].text,
    matchedSimilarity,
    mode: p.mode,
    severity: p.severity,
  };
  if (own.length > 0 && bestCon >= 0) {
    r.closestContrast = p.contrast[bestCon].text;
    r.contrastSimilarity = con[bestCon];
  }
  if (p.calibration) r.rawScore = raw;
  if (exampleScore !== undefined) {
    r.exampleScore = exampleScore;
    r.matchedExample = p.examples![bestEx].text;
    if (p.exampleThresholds) r.exampleThresholds = p.exampleThresholds;
  }
  if (r.action !== 'allow') r.actedOn = examplesWin ? 'examples' : 'score';
  return r;
}

/**
 * Which distinct vectors a policy list holds, and where each policy's prompts, contrast prompts and
 * examples sit among them. Policies of one set share the vector of a prompt they have in common (the
 * compiler embeds each text once per template list), so a contrast vocabulary named once under
 * `defaults` costs one cosine per image, not one per policy. Built once per list (compiled sets are
 * never changed after compilation).
 */
interface CosinePlan {
  vectors: Float32Array[];
  /** The same vectors in a WebAssembly SIMD scan (null where it cannot run: then a JS loop into `all`). */
  scan: DotScan | null;
  all: Float64Array;
  /** Per policy, the slots of its prompts, contrast prompts and examples among `vectors`. */
  slots: { prompts: Int32Array; contrast: Int32Array; examples: Int32Array }[];
  /** Per policy, the buffers its cosines are copied into: no allocation per image. */
  cos: PolicyCosines[];
}

const plans = new WeakMap<CompiledPolicy[], CosinePlan>();

function planFor(policies: CompiledPolicy[]): CosinePlan {
  const known = plans.get(policies);
  if (known) return known;
  const slotOf = new Map<Float32Array, number>();
  const vectors: Float32Array[] = [];
  const slotsOf = (list: { vector: Float32Array }[]) =>
    Int32Array.from(list, ({ vector }) => {
      let k = slotOf.get(vector);
      if (k === undefined) {
        k = vectors.length;
        slotOf.set(vector, k);
        vectors.push(vector);
      }
      return k;
    });
  const slots = policies.map((p) => ({ prompts: slotsOf(p.prompts), contrast: slotsOf(p.contrast), examples: slotsOf(p.examples ?? []) }));
  const cos = slots.map((k) => ({ prompts: new Float64Array(k.prompts.length), contrast: new Float64Array(k.contrast.length), examples: new Float64Array(k.examples.length) }));
  const plan: CosinePlan = { vectors, scan: DotScan.create(vectors), all: new Float64Array(vectors.length), slots, cos };
  plans.set(policies, plan);
  return plan;
}

/**
 * Builds a policy list's plan now (the compiler does, for every set it compiles), so that the first
 * image scored with a new set does not pay for copying its vectors into the scan.
 */
export function prepareDecisions(policies: CompiledPolicy[]): void {
  planFor(policies);
}

function cosines(image: Float32Array, policies: CompiledPolicy[]): PolicyCosines[] {
  const plan = planFor(policies);
  let all = plan.all;
  if (plan.scan && image.length === plan.scan.dim) all = plan.scan.dots(image);
  // Also where an image's width differs from the prompts': cosine() throws the mismatch.
  else for (let k = 0; k < all.length; k++) all[k] = cosine(image, plan.vectors[k]);
  const fill = (into: Float64Array, slots: Int32Array) => {
    for (let j = 0; j < slots.length; j++) into[j] = all[slots[j]];
  };
  plan.slots.forEach((k, i) => {
    fill(plan.cos[i].prompts, k.prompts);
    fill(plan.cos[i].contrast, k.contrast);
    fill(plan.cos[i].examples, k.examples);
  });
  return plan.cos;
}

/**
 * Scores one image embedding (L2-normalised) against a compiled policy set.
 * `only` restricts which policies are reported and decide, but every enforced policy still competes
 * in softmax scoring so a policy's score does not depend on which subset was requested. Shadow
 * policies never compete with other policies (see SoftmaxTerms).
 */
export function decide(image: Float32Array, policies: CompiledPolicy[], opts: DecideOptions): DecisionResult {
  const cos = cosines(image, policies);
  const wanted = opts.only ? new Set(opts.only) : null;
  const enforced: PolicyResult[] = [];
  const shadow: PolicyResult[] = [];
  let terms: SoftmaxTerms | null = null;
  const soft = () => (terms ??= softmaxTerms(policies, cos, opts.logitScale));
  for (let i = 0; i < policies.length; i++) {
    if (wanted && !wanted.has(policies[i].id)) continue;
    const r = scorePolicy(i, policies, cos, soft, opts.logitScale);
    (r.mode === 'shadow' ? shadow : enforced).push(r);
  }
  return {
    decision: mostSevere(enforced.map((r) => r.action)),
    policies: enforced,
    shadow,
    reasons: [...enforced, ...shadow].map((r) => reasonFor(r)).filter((s): s is string => s !== null),
  };
}
