import {
  Action,
  CompiledPolicy,
  DecideOptions,
  DecisionResult,
  PolicyResult,
} from './decision.types';
import { actionFor, cosine, fmt, mostSevere, softmaxShare } from './scoring';

interface PolicyCosines {
  prompts: number[];
  contrast: number[];
}

/** Human readable evidence for a non-allow result; `suffix` lets frame aggregation name the frame. */
export function reasonFor(r: PolicyResult, suffix = ''): string | null {
  if (r.action === 'allow') return null;
  const threshold = r.thresholds[r.action as Exclude<Action, 'allow'>];
  const matched = r.matchedPrompt === null ? '' : ` (matched "${r.matchedPrompt}"${suffix})`;
  const shadow = r.mode === 'shadow' ? ' [shadow]' : '';
  return `${r.policyId}: score ${fmt(r.score)} >= ${r.action} ${threshold}${matched}${shadow}`;
}

function scorePolicy(
  index: number,
  policies: CompiledPolicy[],
  cos: PolicyCosines[],
  logitScale: number,
): PolicyResult {
  const p = policies[index];
  const own = cos[index].prompts;
  let best = -1;
  for (let i = 0; i < own.length; i++) if (best < 0 || own[i] > own[best]) best = i;
  const matchedSimilarity = best < 0 ? 0 : own[best];

  let score: number;
  if (p.scoring === 'similarity') {
    score = matchedSimilarity;
  } else {
    // Competitors: the policy's own contrast prompts plus every other policy's prompts,
    // so "a water pistol" or a drugs prompt can pull probability away from weapons.
    const others: number[] = [...cos[index].contrast];
    for (let j = 0; j < policies.length; j++) if (j !== index) others.push(...cos[j].prompts);
    score = softmaxShare(own, others, logitScale);
  }
  const action = own.length === 0 ? 'allow' : actionFor(score, p.thresholds);
  return {
    policyId: p.id,
    score,
    thresholds: p.thresholds,
    action,
    matchedPrompt: best < 0 ? null : p.prompts[best].text,
    matchedSimilarity,
    mode: p.mode,
    severity: p.severity,
  };
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
  }));
  const wanted = opts.only ? new Set(opts.only) : null;
  const enforced: PolicyResult[] = [];
  const shadow: PolicyResult[] = [];
  for (let i = 0; i < policies.length; i++) {
    if (wanted && !wanted.has(policies[i].id)) continue;
    const r = scorePolicy(i, policies, cos, opts.logitScale);
    (r.mode === 'shadow' ? shadow : enforced).push(r);
  }
  return {
    decision: mostSevere(enforced.map((r) => r.action)),
    policies: enforced,
    shadow,
    reasons: [...enforced, ...shadow].map((r) => reasonFor(r)).filter((s): s is string => s !== null),
  };
}
