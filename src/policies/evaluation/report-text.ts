import { EvaluationReport } from './evaluate';

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const n3 = (x: number) => x.toFixed(3);

/** The CLI's table: one line per policy and threshold. */
export function renderTextReport(r: EvaluationReport): string {
  const lines: string[] = [];
  lines.push(`policy set ${r.policySet.name} ${r.policySet.version}, model ${r.modelId ?? '?'}, ${r.samples.total} samples (${Object.entries(r.samples.byLabel).map(([l, n]) => `${l} ${n}`).join(', ')})`);
  if (r.unknownLabels.length) lines.push(`labels naming no policy (negatives everywhere): ${r.unknownLabels.join(', ')}`);
  lines.push('');
  lines.push(`${pad('policy', 20)} ${pad('level', 6)} ${pad('thresh', 7)} ${pad('prec', 7)} ${pad('recall', 7)} ${pad('F1', 5)} ${pad('tp', 4)} ${pad('fp', 4)} ${pad('fn', 4)} ${pad('tn', 4)}`);
  for (const p of r.policies) {
    const name = `${p.policyId}${p.mode === 'shadow' ? '*' : ''}`;
    const levels = Object.entries(p.atThresholds);
    if (!levels.length) lines.push(`${pad(name, 20)} (no thresholds)`);
    for (const [level, c] of levels) {
      lines.push(`${pad(name, 20)} ${pad(level, 6)} ${pad(n3(c!.threshold), 7)} ${pad(pct(c!.precision), 7)} ${pad(pct(c!.recall), 7)} ${pad(c!.f1.toFixed(2), 5)} ${pad(String(c!.tp), 4)} ${pad(String(c!.fp), 4)} ${pad(String(c!.fn), 4)} ${pad(String(c!.tn), 4)}`);
    }
    const t = (x: typeof p.forPrecision, what: string) => (x ? `${what} >= ${x.target} at ${n3(x.threshold)} (P ${pct(x.precision)}, R ${pct(x.recall)})` : `${what} >= ${what === 'precision' ? r.targets.precision : r.targets.recall} not reached`);
    lines.push(`${pad('', 20)} AP ${n3(p.averagePrecision)}; ${t(p.forPrecision, 'precision')}; ${t(p.forRecall, 'recall')}`);
    const c = p.calibration;
    lines.push(
      c.fitted
        ? `${pad('', 20)} calibration: { method: platt, a: ${c.fitted.a}, b: ${c.fitted.b} }  ECE ${n3(c.before.ece)} -> ${n3(c.after!.ece)}, Brier ${n3(c.before.brier)} -> ${n3(c.after!.brier)}`
        : `${pad('', 20)} calibration: not fitted (${c.note})`,
    );
  }
  lines.push('');
  lines.push(`image level (enforced): precision ${pct(r.overall.precision)}, recall ${pct(r.overall.recall)}, F1 ${r.overall.f1.toFixed(2)} (tp ${r.overall.tp} fp ${r.overall.fp} fn ${r.overall.fn} tn ${r.overall.tn})`);
  return lines.join('\n');
}
