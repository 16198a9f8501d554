import { Reliability } from '../../decisions/calibration';
import { EvaluationReport, PolicyEvaluation } from './evaluate';

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number | undefined | null, d = 3) => (x === undefined || x === null || Number.isNaN(x) ? '–' : x.toFixed(d));

/** A square plot area with [0,1] axes; returns the SVG frame and a mapper from data to pixels. */
function frame(title: string, xLabel: string, yLabel: string) {
  const W = 320, H = 320, L = 46, T = 26, S = 250;
  const x = (v: number) => (L + v * S).toFixed(1);
  const y = (v: number) => (T + (1 - v) * S).toFixed(1);
  const grid: string[] = [];
  for (let k = 0; k <= 10; k += 2) {
    const v = k / 10;
    grid.push(`<line x1="${x(v)}" y1="${y(0)}" x2="${x(v)}" y2="${y(1)}" class="grid"/><line x1="${x(0)}" y1="${y(v)}" x2="${x(1)}" y2="${y(v)}" class="grid"/>`);
    grid.push(`<text x="${x(v)}" y="${T + S + 14}" class="tick" text-anchor="middle">${v.toFixed(1)}</text><text x="${L - 6}" y="${+y(v) + 4}" class="tick" text-anchor="end">${v.toFixed(1)}</text>`);
  }
  const open = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">
<text x="${L + S / 2}" y="16" class="title" text-anchor="middle">${esc(title)}</text>
<rect x="${L}" y="${T}" width="${S}" height="${S}" class="plot"/>${grid.join('')}
<text x="${L + S / 2}" y="${T + S + 32}" class="axis" text-anchor="middle">${esc(xLabel)}</text>
<text x="12" y="${T + S / 2}" class="axis" text-anchor="middle" transform="rotate(-90 12 ${T + S / 2})">${esc(yLabel)}</text>`;
  return { open, close: '</svg>', x, y };
}

/** Precision (y) against recall (x), a step line, with the policy's thresholds and the target points marked. */
export function prCurveSvg(p: PolicyEvaluation): string {
  const f = frame(`${p.policyId}: precision-recall (AP ${num(p.averagePrecision)})`, 'recall', 'precision');
  if (p.positives === 0) return `${f.open}<text x="171" y="150" class="note" text-anchor="middle">no positive samples</text>${f.close}`;
  let d = `M${f.x(0)},${f.y(p.curve[0]?.precision ?? 1)}`;
  for (const c of p.curve) d += ` H${f.x(c.recall)} V${f.y(c.precision)}`;
  const marks = Object.entries(p.atThresholds)
    .map(([level, c]) => `<circle cx="${f.x(c!.recall)}" cy="${f.y(c!.precision)}" r="5" class="mark ${level}"><title>${level} ${num(c!.threshold)}: P ${pct(c!.precision)} R ${pct(c!.recall)}</title></circle>`)
    .join('');
  const targets = [p.forPrecision, p.forRecall]
    .filter((t) => t)
    .map((t) => `<rect x="${+f.x(t!.recall) - 4}" y="${+f.y(t!.precision) - 4}" width="8" height="8" class="target"><title>target ${t!.target}: threshold ${num(t!.threshold)} (P ${pct(t!.precision)} R ${pct(t!.recall)})</title></rect>`)
    .join('');
  return `${f.open}<path d="${d}" class="curve"/>${marks}${targets}${f.close}`;
}

function reliabilityPath(r: Reliability, f: ReturnType<typeof frame>, cls: string): string {
  const pts = r.bins.filter((b) => b.count > 0).map((b) => [b.meanPredicted!, b.observed!, b.count] as const);
  if (!pts.length) return '';
  const line = `<polyline points="${pts.map(([px, py]) => `${f.x(px)},${f.y(py)}`).join(' ')}" class="${cls}"/>`;
  const dots = pts.map(([px, py, n]) => `<circle cx="${f.x(px)}" cy="${f.y(py)}" r="3.5" class="${cls}-dot"><title>predicted ${num(px)}, observed ${num(py)} (n=${n})</title></circle>`).join('');
  return line + dots;
}

/** Observed frequency against predicted probability, before and after Platt scaling; the diagonal is perfect. */
export function reliabilitySvg(p: PolicyEvaluation): string {
  const c = p.calibration;
  const f = frame(`${p.policyId}: reliability`, p.calibrated ? 'calibrated score' : 'score as probability', 'observed frequency');
  const diag = `<line x1="${f.x(0)}" y1="${f.y(0)}" x2="${f.x(1)}" y2="${f.y(1)}" class="diag"/>`;
  const legend = `<text x="56" y="44" class="before-label">before: ECE ${num(c.before.ece)}</text>${c.after ? `<text x="56" y="58" class="after-label">after (Platt, out-of-fold): ECE ${num(c.after.ece)}</text>` : ''}`;
  return `${f.open}${diag}${reliabilityPath(c.before, f, 'before')}${c.after ? reliabilityPath(c.after, f, 'after') : ''}${legend}${f.close}`;
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}
.plots{display:flex;gap:16px;flex-wrap:wrap}.plot{fill:#fff;stroke:#999}.grid{stroke:#eee}.tick{font-size:10px;fill:#666}
.axis{font-size:12px;fill:#333}.title{font-size:13px;font-weight:600}.curve{fill:none;stroke:#1f6feb;stroke-width:2}
.mark{stroke:#000;stroke-width:1}.mark.flag{fill:#f2c94c}.mark.blur{fill:#f2994a}.mark.block{fill:#eb5757}.target{fill:none;stroke:#27ae60;stroke-width:2}
.diag{stroke:#bbb;stroke-dasharray:4 3}.before{fill:none;stroke:#999;stroke-width:2}.before-dot{fill:#999}.after{fill:none;stroke:#1f6feb;stroke-width:2}.after-dot{fill:#1f6feb}
.before-label{font-size:11px;fill:#777}.after-label{font-size:11px;fill:#1f6feb}.note{fill:#999}code{background:#f4f4f4;padding:1px 4px}`;

/** A self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched). */
export function renderHtmlReport(r: EvaluationReport): string {
  const rows = r.policies
    .map((p) => {
      const lv = (k: 'flag' | 'blur' | 'block') => {
        const c = p.atThresholds[k];
        return c ? `${num(c.threshold)}: P ${pct(c.precision)} R ${pct(c.recall)} F1 ${num(c.f1, 2)} <small>(tp ${c.tp} fp ${c.fp} fn ${c.fn} tn ${c.tn})</small>` : '–';
      };
      const t = (x: typeof p.forPrecision) => (x ? `${num(x.threshold)} <small>(P ${pct(x.precision)} R ${pct(x.recall)})</small>` : 'not reached');
      return `<tr><td>${esc(p.policyId)}${p.mode === 'shadow' ? ' <small>[shadow]</small>' : ''}</td><td>${p.positives}/${p.negatives}</td><td>${lv('flag')}</td><td>${lv('blur')}</td><td>${lv('block')}</td><td>${num(p.averagePrecision)}</td><td>${t(p.forPrecision)}</td><td>${t(p.forRecall)}</td></tr>`;
    })
    .join('\n');
  const sections = r.policies
    .map((p) => {
      const c = p.calibration;
      const cal = c.fitted
        ? `<p>Platt fit on these samples: <code>calibration: { method: platt, a: ${c.fitted.a}, b: ${c.fitted.b} }</code> — Brier ${num(c.before.brier)} → ${num(c.after!.brier)}, ECE ${num(c.before.ece)} → ${num(c.after!.ece)} (out-of-fold).</p>`
        : `<p>No calibration fitted: ${esc(c.note ?? '')}.</p>`;
      const errors = r.outcomes
        .filter((o) => (o.label === p.policyId) !== (o.scores[p.policyId]?.action !== 'allow'))
        .map((o) => `<li>${o.label === p.policyId ? 'missed' : 'false alarm'}: <code>${esc(o.name)}</code> score ${num(o.scores[p.policyId]?.score)}</li>`)
        .slice(0, 50)
        .join('');
      return `<h2 id="${esc(p.policyId)}">${esc(p.policyId)}</h2><div class="plots">${prCurveSvg(p)}${reliabilitySvg(p)}</div>${cal}${errors ? `<details><summary>errors at the current thresholds</summary><ul>${errors}</ul></details>` : ''}`;
    })
    .join('\n');
  const labels = Object.entries(r.samples.byLabel).map(([l, n]) => `${esc(l)} ${n}`).join(', ');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Policy evaluation: ${esc(r.policySet.name)} ${esc(r.policySet.version)}</title><style>${STYLE}</style></head><body>
<h1>Policy evaluation: ${esc(r.policySet.name)} <small>${esc(r.policySet.version)}</small></h1>
<p>Model <code>${esc(r.modelId ?? 'unknown')}</code>, ${r.samples.total} samples (${labels}), ${esc(r.createdAt)}.
Image level (enforced policies): P ${pct(r.overall.precision)} R ${pct(r.overall.recall)} F1 ${num(r.overall.f1, 2)}.
${r.unknownLabels.length ? `Labels that name no policy (counted as negatives): ${r.unknownLabels.map(esc).join(', ')}.` : ''}</p>
<table><tr><th>policy</th><th>pos/neg</th><th>flag</th><th>blur</th><th>block</th><th>AP</th><th>threshold for P ≥ ${r.targets.precision}</th><th>threshold for R ≥ ${r.targets.recall}</th></tr>
${rows}</table>
<p>Curves: blue step line = precision-recall as the threshold falls; dots = the policy's thresholds (yellow flag, orange blur, red block); green squares = thresholds reaching the targets. Reliability: grey = the score now, blue = after Platt scaling (fitted on the other folds), dashed = perfect calibration.</p>
${sections}
</body></html>
`;
}
