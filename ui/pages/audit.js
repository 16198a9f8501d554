import { html, useEffect, useState } from '../lib.js';
import { get, query } from '../api.js';

const ACTIONS = ['', 'moderation.created', 'review.opened', 'review.claimed', 'review.released', 'review.decided', 'review.appealed', 'image.revealed', 'image.deleted', 'policy_set.version_created', 'policy_set.activated', 'policy_set.reloaded'];
const AGES = { '': null, '1h': 3600e3, '24h': 24 * 3600e3, '7d': 7 * 24 * 3600e3 };

function summary(e) {
  const a = e.after ?? {};
  const bits = ['verdict', 'reason', 'note', 'decision', 'status', 'lease_holder', 'version', 'comment'].filter((k) => a[k] !== undefined && a[k] !== null).map((k) => `${k}: ${typeof a[k] === 'object' ? JSON.stringify(a[k]) : a[k]}`);
  return bits.join(' · ');
}

export function Audit() {
  const [f, setF] = useState({ actor: '', action: '', entity_id: '', age: '' });
  const [rows, setRows] = useState(null);
  const [cursor, setCursor] = useState(null);
  const [error, setError] = useState(null);
  const params = () => ({ actor: f.actor.trim(), action: f.action, entity_id: f.entity_id.trim(), from: AGES[f.age] ? new Date(Date.now() - AGES[f.age]).toISOString() : undefined });
  const load = async (after) => {
    setError(null);
    try {
      const r = await get(`/v1/audit${query({ ...params(), cursor: after, limit: 100 })}`);
      setRows((old) => (after ? [...old, ...r.items] : r.items));
      setCursor(r.next_cursor);
    } catch (e) {
      setError(e.message);
    }
  };
  useEffect(() => {
    const t = setTimeout(() => load(null), 250);
    return () => clearTimeout(t);
  }, [f]);
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.value });
  return html`<section aria-labelledby="audit-title">
    <div class="page-head">
      <h1 id="audit-title">Audit log</h1>
      <a class="btn" href=${`/v1/audit${query({ ...params(), format: 'csv' })}`} download="audit.csv">Export CSV</a>
      <a class="btn ghost" href=${`/v1/audit${query({ ...params(), format: 'ndjson' })}`} download="audit.ndjson">Export NDJSON</a>
    </div>
    <form class="filters" onSubmit=${(e) => e.preventDefault()} aria-label="Audit filters">
      <label>Actor <input id="a-actor" value=${f.actor} onInput=${set('actor')} /></label>
      <label>Action <select id="a-action" value=${f.action} onChange=${set('action')}>${ACTIONS.map((a) => html`<option value=${a}>${a || 'Any'}</option>`)}</select></label>
      <label>Entity id <input id="a-entity" value=${f.entity_id} onInput=${set('entity_id')} /></label>
      <label>Age <select id="a-age" value=${f.age} onChange=${set('age')}>
        <option value="">Any time</option><option value="1h">Last hour</option><option value="24h">Last 24 hours</option><option value="7d">Last 7 days</option>
      </select></label>
    </form>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${rows === null
      ? html`<p class="loading">Loading…</p>`
      : rows.length === 0
        ? html`<p class="empty" role="status">No audit entries match.</p>`
        : html`<div class="table-wrap"><table class="audit">
            <caption class="sr-only">Audit entries, oldest first</caption>
            <thead><tr><th scope="col">When</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Entity</th><th scope="col">Details</th></tr></thead>
            <tbody>${rows.map((e) => html`<tr>
              <td>${new Date(e.at).toLocaleString()}</td><td>${e.actor}</td><td><code>${e.action}</code></td>
              <td>${e.entity_type} <code>${String(e.entity_id).slice(0, 8)}</code></td><td class="details">${summary(e)}</td>
            </tr>`)}</tbody>
          </table></div>
          ${cursor && html`<button class="btn" onClick=${() => load(cursor)}>Load more</button>`}`}
  </section>`;
}
