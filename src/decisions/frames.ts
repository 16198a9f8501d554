import { reasonFor } from './decide';
import { Action, DecisionResult, PolicyResult } from './decision.types';
import { actionRank, mostSevere } from './scoring';

export interface FramePolicyResult extends PolicyResult {
  /** Frame number (0-based, in the whole animation) whose result is reported for this policy. */
  frame: number;
}

/** One enforced policy's result on one frame: the score and the action that frame alone would get. */
export interface FramePolicyScore {
  policyId: string;
  score: number;
  action: Action;
}

/** Every enforced policy's result on one sampled frame (animations only). */
export interface FrameScores {
  /** Frame number (0-based, in the whole animation). */
  frame: number;
  policies: FramePolicyScore[];
}

export interface FramesDecisionResult extends DecisionResult {
  policies: FramePolicyResult[];
  shadow: FramePolicyResult[];
  frameCount: number;
  /**
   * Animations (more than one result): every sampled frame with each enforced policy's score and
   * action, in sampling order, so a reviewer sees how a score moves through the animation and not
   * only its worst frame. Absent for a single frame (the policies already are that frame).
   */
  frames?: FrameScores[];
}

/** The worse of two results: higher action first, then higher score; earlier frame on a full tie. */
function worse(a: FramePolicyResult, b: FramePolicyResult): FramePolicyResult {
  const d = actionRank(b.action) - actionRank(a.action);
  if (d !== 0) return d > 0 ? b : a;
  return b.score > a.score ? b : a;
}

function merge(lists: PolicyResult[][], frameNumbers?: number[]): FramePolicyResult[] {
  const byId = new Map<string, FramePolicyResult>();
  lists.forEach((list, i) => {
    const frame = frameNumbers?.[i] ?? i;
    for (const r of list) {
      const cur = byId.get(r.policyId);
      const cand = { ...r, frame };
      byId.set(r.policyId, cur ? worse(cur, cand) : cand);
    }
  });
  return [...byId.values()];
}

function frameScores(r: DecisionResult, frame: number): FrameScores {
  return { frame, policies: r.policies.map((p) => ({ policyId: p.policyId, score: p.score, action: p.action })) };
}

/**
 * Animated images: each policy reports its worst frame, and the decision is the most severe
 * across frames, so one violating frame in a long GIF is enough and the evidence names it.
 * `frameNumbers[i]` is the animation frame that results[i] scored (sampling skips frames); default i.
 */
export function aggregateFrames(results: DecisionResult[], frameNumbers?: number[]): FramesDecisionResult {
  if (results.length === 0) throw new Error('aggregateFrames: no frames');
  const policies = merge(results.map((r) => r.policies), frameNumbers);
  const shadow = merge(results.map((r) => r.shadow), frameNumbers);
  const suffix = (r: FramePolicyResult) => (results.length > 1 ? ` in frame ${r.frame}` : '');
  return {
    decision: mostSevere(policies.map((r) => r.action)),
    policies,
    shadow,
    reasons: [...policies, ...shadow].map((r) => reasonFor(r, suffix(r))).filter((s): s is string => s !== null),
    frameCount: results.length,
    ...(results.length > 1 ? { frames: results.map((r, i) => frameScores(r, frameNumbers?.[i] ?? i)) } : {}),
  };
}
