import { CompiledPolicy } from '../../decisions/decision.types';
import { CompiledPolicySet } from '../policy.types';
import { averagePrecision, evaluatePolicySet } from './evaluate';
import { renderHtmlReport, prCurveSvg } from './report-html';
import { renderTextReport } from './report-text';
import { EmbeddedSample } from './samples';
import { shadowStats } from './shadow-stats';

/** 2-d unit vectors: an image at angle t has cosine cos(t - p) with a prompt at angle p. */
const unit = (t: number) => Float32Array.from([Math.cos(t), Math.sin(t)]);

function policy(id: string, angle: number, over: Partial<CompiledPolicy> = {}): CompiledPolicy {
  return { id, description: id, severity: 'high', mode: 'enforce', scoring: 'similarity', thresholds: { flag: 0.9, block: 0.99 }, prompts: [{ text: id, vector: unit(angle) }], contrast: [], ...over };
}
const set = (policies: CompiledPolicy[]): CompiledPolicySet => ({ name: 't', version: 'v1', files: [], policies, warnings: [], promptCount: 0, compiledAt: '', modelId: 'm' });
const sample = (name: string, label: string, angle: number): EmbeddedSample => ({ name, label, frames: [unit(angle)] });

describe('evaluatePolicySet', () => {
  // weapons prompt at angle 0: score = cos(angle). Positives near 0, negatives far, one hard negative close.
  const samples = [
    sample('weapons/a', 'weapons', 0.0), // 1.000
    sample('weapons/b', 'weapons', 0.3), // 0.955
    sample('weapons/c', 'weapons', 0.6), // 0.825
    sample('none/d', 'none', 0.2), // 0.980 (hard negative)
    sample('none/e', 'none', 1.2), // 0.362
    sample('drugs/f', 'drugs', 1.5), // 0.071
  ];
  const r = evaluatePolicySet(set([policy('weapons', 0), policy('drugs', 1.5, { mode: 'shadow' })]), samples, { logitScale: 100, targetPrecision: 0.9, targetRecall: 0.6 });
  const w = r.policies[0];

  it('counts the confusion at each threshold', () => {
    expect(w).toMatchObject({ positives: 3, negatives: 3 });
    expect(w.atThresholds.flag).toMatchObject({ tp: 2, fp: 1, fn: 1, tn: 2 });
    expect(w.atThresholds.flag!.f1).toBeCloseTo(2 / 3, 10);
    expect(w.atThresholds.block).toMatchObject({ tp: 1, fp: 0, fn: 2, tn: 3, precision: 1 });
    expect(w.acted).toMatchObject({ tp: 2, fp: 1, fn: 1, tn: 2 });
  });

  it('finds thresholds for the targets and the PR curve', () => {
    expect(w.forPrecision).toMatchObject({ target: 0.9, threshold: 1, precision: 1, recall: 0.333333 });
    expect(w.forRecall!.recall).toBeGreaterThanOrEqual(0.6);
    expect(w.forRecall!.threshold).toBeCloseTo(Math.cos(0.3), 5);
    expect(w.curve.map((c) => c.recall)).toEqual([1 / 3, 1 / 3, 2 / 3, 1, 1, 1].map((x) => Math.round(x * 1e6) / 1e6));
    expect(w.averagePrecision).toBeCloseTo((1 / 3) * 1 + (1 / 3) * (2 / 3) + (1 / 3) * (3 / 4), 5);
  });

  it('reports shadow policies, image-level metrics and unknown labels', () => {
    expect(r.policies[1]).toMatchObject({ policyId: 'drugs', mode: 'shadow', positives: 1 });
    expect(r.unknownLabels).toEqual([]);
    // Only weapons is enforced: flagged a, b, d.
    expect(r.overall).toMatchObject({ tp: 2, fp: 1, fn: 2, tn: 1 });
    const r2 = evaluatePolicySet(set([policy('weapons', 0)]), [...samples, sample('gore/x', 'gore', 2)], { logitScale: 100 });
    expect(r2.unknownLabels).toEqual(['drugs', 'gore']);
  });

  it('renders a text table and a self-contained HTML page with one PR and one reliability plot per policy', () => {
    const text = renderTextReport(r);
    expect(text).toMatch(/weapons\s+flag\s+0\.900\s+66\.7%\s+66\.7%\s+0\.67\s+2\s+1\s+1\s+2/);
    const html = renderHtmlReport(r);
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(prCurveSvg({ ...w, positives: 0 })).toContain('no positive samples');
  });

  it('averagePrecision of a perfect ranking is 1', () => {
    expect(averagePrecision([{ threshold: 1, tp: 1, fp: 0, tn: 1, fn: 1, precision: 1, recall: 0.5, fpr: 0 }, { threshold: 0.5, tp: 2, fp: 0, tn: 1, fn: 0, precision: 1, recall: 1, fpr: 0 }])).toBe(1);
  });
});

describe('shadowStats', () => {
  const rec = (decision: string, shadowAction: string, verdict: 'uphold' | 'overturn' | null) => ({ id: 'x', decision, policySetVersion: 'v', verdict, enforced: [], shadow: [{ policyId: 's', action: shadowAction, score: 0.5 }] });
  it('compares the shadow policy with the enforced decision and the verdicts', () => {
    const s = shadowStats(
      [rec('allow', 'flag', null), rec('block', 'block', 'uphold'), rec('flag', 'allow', 'uphold'), rec('allow', 'blur', 'overturn'), rec('allow', 'allow', 'overturn')],
      ['s', 'quiet'],
      { from: new Date(0), to: new Date(1000) },
    );
    expect(s.records).toBe(5);
    expect(s.policies[0]).toEqual({
      policy_id: 's',
      scored: 5,
      would_have: { flag: 1, blur: 1, block: 1 },
      would_have_acted: 3,
      new_actions: 2,
      overlap: 1,
      enforced_only: 1,
      verdicts: { reviewed: 4, agree: 2, false_positive: 1, missed: 1, agreement: 0.5 },
    });
    expect(s.policies[1]).toMatchObject({ policy_id: 'quiet', scored: 0, verdicts: { agreement: null } });
  });
});
