import { html, useState } from '../lib.js';
import { request } from '../api.js';

const cell = (v) => (v ? html`<span class=${`tag action-${v.action}`}>${v.action}</span> <span class="num">${v.score.toFixed(3)}</span>` : '–');

/** The draft in the editor against the active set, on one uploaded image (POST /v1/policies/preview). */
export function DraftPreview({ text }) {
  const [file, setFile] = useState(null);
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const run = async (e) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('policy', text);
      form.append('image', file, file.name);
      setResult(await request('POST', '/v1/policies/preview', { form }));
    } catch (err) {
      const first = err.details?.errors?.[0];
      setError(first ? `${err.message}: line ${first.line}, column ${first.column}: ${first.message}` : err.message);
    } finally {
      setBusy(false);
    }
  };
  return html`<section class="draft-preview" aria-labelledby="dp-title">
    <h2 id="dp-title">Preview the draft on an image</h2>
    <form class="row" onSubmit=${run}>
      <label for="dp-image">Image</label>
      <input id="dp-image" type="file" accept="image/*" onChange=${(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      <button class="btn" type="submit" disabled=${!file || busy}>${busy ? 'Scoring…' : 'Preview'}</button>
    </form>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${result &&
    html`<p role="status">Active set: <span class=${`tag action-${result.active.decision}`}>${result.active.decision}</span> · draft: <span class=${`tag action-${result.draft.decision}`}>${result.draft.decision}</span>${result.decision_changed ? html` <strong>(the decision changes)</strong>` : ' (same decision)'} · ${result.frames_scored} frame(s)</p>
      <div class="table-wrap"><table class="preview-table">
        <caption class="sr-only">Per policy: active set against draft</caption>
        <thead><tr><th scope="col">Policy</th><th scope="col">Active</th><th scope="col">Draft</th><th scope="col">Changed</th></tr></thead>
        <tbody>${result.policies.map((p) => html`<tr class=${p.changed ? 'changed' : ''}><td>${p.policy_id}</td><td>${cell(p.active)}</td><td>${cell(p.draft)}</td><td>${p.changed ? 'yes' : ''}</td></tr>`)}</tbody>
      </table></div>`}
  </section>`;
}
