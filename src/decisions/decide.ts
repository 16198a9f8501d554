import {
  Action,
  CompiledPolicy,
  DecideOptions,
  DecisionResult,
  PolicyResult,
} from './decision.types';
import { applyPlatt } from './calibration';
import { actionFor, actionRank, cosine, fmt, mostSevere } from './scoring';

interface PolicyCosines {
  prompts: number[];
  contrast: number[];
  examples: number[];
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
 * Per-set softmax terms, computed once per image: every policy's prompts are candidates for
 * every other policy, so their exp-sums are shared; only the contrast part is per policy.
 * Exponents are taken relative to the highest prompt cosine so nothing overflows.
 */
interface SoftmaxTerms {
  maxPrompt: number;
  promptExp: number[];
  totalPromptExp: number;
}

function softmaxTerms(cos: PolicyCosines[], scale: number): SoftmaxTerms {
  let maxPrompt = -Infinity;
  for (const c of cos) for (const x of c.prompts) if (x > maxPrompt) maxPrompt = x;
  let totalPromptExp = 0;
  const promptExp = cos.map((c) => {
    let e = 0;
    for (const x of c.prompts) e += Math.exp(scale * (x - maxPrompt));
    totalPromptExp += e;
    return e;
  });
  return { maxPrompt, promptExp, totalPromptExp };
}

/** softmaxShare(own, own contrast + all other prompts) without building the candidate list. */
function softmaxScore(i: number, cos: PolicyCosines[], t: SoftmaxTerms, scale: number): number {
  let top = t.maxPrompt;
  for (const x of cos[i].contrast) if (x > top) top = x;
  // Rebase the shared prompt sums onto `top` when a contrast prompt is the best match.
  const rebase = Math.exp(scale * (t.maxPrompt - top));
  let contrast = 0;
  for (const x of cos[i].contrast) contrast += Math.exp(scale * (x - top));
  return (t.promptExp[i] * rebase) / (t.totalPromptExp * rebase + contrast);
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
  // Softmax competitors: the policy's own contrast prompts plus every other policy's prompts,
  // so "a wrench" or a drugs prompt can pull probability away from weapons. A policy with only
  // example images is scored by its best example similarity.
  // Contrastive: the similarity, minus however far the closest look-alike beats it (s - max(0, c - s)).
  const raw =
    own.length === 0
      ? exampleScore ?? 0
      : p.scoring === 'similarity'
        ? matchedSimilarity
        : p.scoring === 'contrastive'
          ? matchedSimilarity - (bestCon < 0 ? 0 : Math.max(0, con[bestCon] - matchedSimilarity))
          : softmaxScore(index, cos, soft(), logitScale);
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
 * Scores one image embedding (L2-normalised) against a compiled policy set.
 * `only` restricts which policies are reported and decide, but every policy still competes
 * in softmax scoring so a policy's score does not depend on which subset was requested.
 */
export function decide(image: Float32Array, policies: CompiledPolicy[], opts: DecideOptions): DecisionResult {
  const cos: PolicyCosines[] = policies.map((p) => ({
    prompts: p.prompts.map((q) => cosine(image, q.vector)),
    contrast: p.contrast.map((q) => cosine(image, q.vector)),
    examples: (p.examples ?? []).map((q) => cosine(image, q.vector)),
  }));
  const wanted = opts.only ? new Set(opts.only) : null;
  const enforced: PolicyResult[] = [];
  const shadow: PolicyResult[] = [];
  let terms: SoftmaxTerms | null = null;
  const soft = () => (terms ??= softmaxTerms(cos, opts.logitScale));
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
