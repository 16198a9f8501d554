import { html, useState } from '../lib.js';
import { request } from '../api.js';

const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);

/** A precision-recall curve in SVG (recall on x, precision on y). */
function PrCurve({ policy }) {
  const pts = policy.curve ?? [];
  if (!pts.length) return html`<span class="muted">no curve</span>`;
  const W = 160;
  const H = 90;
  const d = pts.map((p, i) => `${i ? 'L' : 'M'}${(p.recall * W).toFixed(1)} ${(H - p.precision * H).toFixed(1)}`).join(' ');
  return html`<svg class="prcurve" viewBox=${`-2 -2 ${W + 4} ${H + 4}`} role="img" aria-label=${`precision-recall curve of ${policy.policy_id}, average precision ${pct(policy.average_precision)}`}>
    <rect class="frame" x="0" y="0" width=${W} height=${H} />
    <path class="curve" d=${d} />
  </svg>`;
}

/** Runs POST /v1/policies/evaluate on the draft (or the active set) and shows the report. */
export function Evaluation({ text }) {
  const [source, setSource] = useState('verdicts');
  const [archive, setArchive] = useState(null);
  const [useDraft, setUseDraft] = useState(true);
  const [report, setReport] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const run = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (source === 'archive') {
        const form = new FormData();
        form.append('samples', archive, archive.name);
        if (useDraft) form.append('policy', text);
        setReport(await request('POST', '/v1/policies/evaluate', { form }));
      } else {
        setReport(await request('POST', '/v1/policies/evaluate', { json: { source: 'verdicts', ...(useDraft ? { policy: text } : {}) } }));
      }
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  };
  return html`<section class="evaluation" aria-labelledby="ev-title">
    <h2 id="ev-title">Evaluate</h2>
    <form onSubmit=${run}>
      <fieldset>
        <legend>Labelled samples</legend>
        <label class="check"><input type="radio" name="ev-source" checked=${source === 'verdicts'} onChange=${() => setSource('verdicts')} /> Moderator verdicts</label>
        <label class="check"><input type="radio" name="ev-source" checked=${source === 'archive'} onChange=${() => setSource('archive')} /> Archive</label>
        ${source === 'archive' && html`<label for="ev-archive">Samples archive (.tar, .tar.gz of &lt;policy&gt;/… and none/…)</label>
          <input id="ev-archive" type="file" accept=".tar,.tgz,.gz,application/x-tar,application/gzip" onChange=${(e) => setArchive(e.currentTarget.files?.[0] ?? null)} />`}
      </fieldset>
      <div class="row">
        <label class="check"><input type="checkbox" checked=${useDraft} onChange=${(e) => setUseDraft(e.currentTarget.checked)} /> Evaluate the edited draft (otherwise the active set)</label>
        <button class="btn" type="submit" disabled=${busy || (source === 'archive' && !archive)}>${busy ? 'Evaluating…' : 'Run evaluation'}</button>
      </div>
    </form>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${report &&
    html`<div class="report" role="status">
      <p>${report.samples.total} sample(s) from ${report.source}, set ${report.policy_set.name}. Overall: precision ${pct(report.overall.precision)}, recall ${pct(report.overall.recall)}, F1 ${pct(report.overall.f1)}.</p>
      <div class="table-wrap"><table class="eval-table">
        <caption class="sr-only">Per policy evaluation</caption>
        <thead><tr><th scope="col">Policy</th><th scope="col">Positives / negatives</th><th scope="col">Acted: precision</th><th scope="col">Recall</th><th scope="col">F1</th><th scope="col">Average precision</th><th scope="col">PR curve</th></tr></thead>
        <tbody>${report.policies.map((p) => html`<tr>
          <td>${p.policy_id}</td><td class="num">${p.positives} / ${p.negatives}</td>
          <td class="num">${pct(p.acted.precision)}</td><td class="num">${pct(p.acted.recall)}</td><td class="num">${pct(p.acted.f1)}</td>
          <td class="num">${pct(p.average_precision)}</td><td><${PrCurve} policy=${p} /></td>
        </tr>`)}</tbody>
      </table></div>
    </div>`}
  </section>`;
}
