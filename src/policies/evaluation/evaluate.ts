import { crossFitPlatt, fitPlatt, PlattParams, reliability, Reliability } from '../../decisions/calibration';
import { decide } from '../../decisions/decide';
import { Action, PolicyMode, ScoreMode, Thresholds } from '../../decisions/decision.types';
import { aggregateFrames, FramePolicyResult } from '../../decisions/frames';
import { confusion, Confusion, prCurve, thresholdForPrecision, thresholdForRecall } from '../../decisions/classification-metrics';
import { CompiledPolicySet } from '../policy.types';
import { EmbeddedSample, isPositive, NONE_LABEL } from './samples';

export interface Scored extends Confusion {
  f1: number;
}

export interface CurvePoint {
  threshold: number;
  precision: number;
  recall: number;
}

export interface TargetPoint extends CurvePoint {
  target: number;
  f1: number;
}

export interface PolicyCalibrationReport {
  /** Platt parameters fitted on all samples (paste into the policy as `calibration`). */
  fitted: PlattParams | null;
  /** Why nothing was fitted (too few samples of a class). */
  note?: string;
  /** Reliability of the score as the engine produces it now (raw, or calibrated if the policy is). */
  before: Reliability;
  /** Reliability of out-of-fold Platt probabilities: an honest "after". */
  after: Reliability | null;
}

export interface PolicyEvaluation {
  policyId: string;
  mode: PolicyMode;
  scoring: ScoreMode;
  calibrated: boolean;
  thresholds: Thresholds;
  positives: number;
  negatives: number;
  /** Confusion at each threshold the policy sets (score >= threshold). */
  atThresholds: Partial<Record<'flag' | 'blur' | 'block', Scored>>;
  /** Confusion of "the policy acted" (any action, examples included) against the label. */
  acted: Scored;
  averagePrecision: number;
  /** Precision-recall curve over the policy's score, threshold descending (at most ~200 points). */
  curve: CurvePoint[];
  /** Lowest threshold reaching the target precision / highest reaching the target recall. */
  forPrecision: TargetPoint | null;
  forRecall: TargetPoint | null;
  calibration: PolicyCalibrationReport;
}

export interface SampleOutcome {
  name: string;
  label: string;
  decision: Action;
  /** Per policy: [score, action]. */
  scores: Record<string, { score: number; rawScore: number; action: Action }>;
}

export interface EvaluationReport {
  policySet: { name: string; version: string };
  modelId: string | null;
  createdAt: string;
  samples: { total: number; byLabel: Record<string, number> };
  /** Labels that name no policy of the set (their images count as negatives everywhere). */
  unknownLabels: string[];
  targets: { precision: number; recall: number };
  policies: PolicyEvaluation[];
  /** Image-level: decision != allow against "label is not none" (enforced policies only). */
  overall: Scored;
  outcomes: SampleOutcome[];
}

export interface EvaluateOptions {
  logitScale: number;
  targetPrecision?: number;
  targetRecall?: number;
  bins?: number;
  now?: () => Date;
}

const f1 = (c: Confusion): Scored => ({ ...c, f1: c.precision + c.recall === 0 ? 0 : (2 * c.precision * c.recall) / (c.precision + c.recall) });
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Average precision: sum over curve points of (recall step) x precision. */
export function averagePrecision(curve: Confusion[]): number {
  let prev = 0;
  let ap = 0;
  for (const p of curve) {
    ap += (p.recall - prev) * p.precision;
    prev = p.recall;
  }
  return ap;
}

function thin(curve: Confusion[], max = 200): CurvePoint[] {
  const step = Math.max(1, Math.ceil(curve.length / max));
  const keep = curve.filter((_, i) => i % step === 0 || i === curve.length - 1);
  return keep.map((p) => ({ threshold: round(p.threshold), precision: round(p.precision), recall: round(p.recall) }));
}

function target(c: Confusion | null, t: number): TargetPoint | null {
  return c ? { target: t, threshold: round(c.threshold), precision: round(c.precision), recall: round(c.recall), f1: round(f1(c).f1) } : null;
}

function calibrationReport(raw: number[], current: number[], labels: boolean[], bins: number): PolicyCalibrationReport {
  const before = reliability(current, labels, bins);
  const pos = labels.filter(Boolean).length;
  const neg = labels.length - pos;
  if (pos < 2 || neg < 2) return { fitted: null, note: `needs at least 2 positive and 2 negative samples (got ${pos} and ${neg})`, before, after: null };
  const fitted = fitPlatt(raw, labels);
  return { fitted: { a: round(fitted.a), b: round(fitted.b) }, before, after: reliability(crossFitPlatt(raw, labels), labels, bins) };
}

/**
 * Scores every sample under the set exactly as moderation does (per frame, worst frame per
 * policy) and measures each policy against the labels: an image in `<policy id>/` is a positive
 * for that policy and a negative for every other; `none/` images are negatives everywhere.
 */
export function evaluatePolicySet(set: CompiledPolicySet, samples: EmbeddedSample[], opts: EvaluateOptions): EvaluationReport {
  const tp = opts.targetPrecision ?? 0.9;
  const tr = opts.targetRecall ?? 0.9;
  const bins = opts.bins ?? 10;
  const results = samples.map((s) => aggregateFrames(s.frames.map((f) => decide(f, set.policies, { logitScale: opts.logitScale }))));
  const ids = set.policies.map((p) => p.id);
  const byLabel: Record<string, number> = {};
  for (const s of samples) byLabel[s.label] = (byLabel[s.label] ?? 0) + 1;

  const policies = set.policies.map((p): PolicyEvaluation => {
    const rows = results.map((r) => [...r.policies, ...r.shadow].find((x) => x.policyId === p.id) as FramePolicyResult);
    const scores = rows.map((r) => r.score);
    const raw = rows.map((r) => r.rawScore ?? r.score);
    const labels = samples.map((s) => isPositive(s, p.id));
    const positives = labels.filter(Boolean).length;
    const atThresholds: PolicyEvaluation['atThresholds'] = {};
    for (const level of ['flag', 'blur', 'block'] as const) {
      const t = p.thresholds[level];
      if (t !== undefined) atThresholds[level] = f1(confusion(scores, labels, t));
    }
    const acted = f1(confusion(rows.map((r) => (r.action === 'allow' ? 0 : 1)), labels, 1));
    const curve = prCurve(scores, labels);
    return {
      policyId: p.id,
      mode: p.mode,
      scoring: p.scoring,
      calibrated: !!p.calibration,
      thresholds: { ...p.thresholds },
      positives,
      negatives: labels.length - positives,
      atThresholds,
      acted: { ...acted, threshold: NaN },
      averagePrecision: round(averagePrecision(curve)),
      curve: thin(curve),
      forPrecision: target(positives ? thresholdForPrecision(scores, labels, tp) : null, tp),
      forRecall: target(positives ? thresholdForRecall(scores, labels, tr) : null, tr),
      calibration: calibrationReport(raw, scores, labels, bins),
    };
  });
  const flagged = results.map((r) => (r.decision === 'allow' ? 0 : 1));
  const violating = samples.map((s) => (s.labels ? s.labels.length > 0 : s.label !== NONE_LABEL));
  return {
    policySet: { name: set.name, version: set.version },
    modelId: set.modelId,
    createdAt: (opts.now?.() ?? new Date()).toISOString(),
    samples: { total: samples.length, byLabel },
    unknownLabels: Object.keys(byLabel).filter((l) => l !== NONE_LABEL && !ids.includes(l)).sort(),
    targets: { precision: tp, recall: tr },
    policies,
    overall: { ...f1(confusion(flagged, violating, 1)), threshold: NaN },
    outcomes: samples.map((s, i) => ({
      name: s.name,
      label: s.label,
      decision: results[i].decision,
      scores: Object.fromEntries(
        [...results[i].policies, ...results[i].shadow].map((r) => [r.policyId, { score: round(r.score), rawScore: round(r.rawScore ?? r.score), action: r.action }]),
      ),
    })),
  };
}
