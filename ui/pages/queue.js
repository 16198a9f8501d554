import { go, html, useEffect, useRef, useState } from '../lib.js';
import { get, post, query } from '../api.js';
import { useShortcuts } from '../keys.js';
import { AGE_LABELS, filterParams, queue, saveQueue } from '../state.js';

const STATUSES = ['open', 'claimed', 'escalated', 'closed'];
const DECISIONS = ['flag', 'blur', 'block', 'allow'];

export function age(iso) {
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (s < 60) return `${Math.floor(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}

/** Claims the next item matching the filters and opens it; false when the queue is empty. */
export async function claimNext(filters) {
  const p = filterParams(filters);
  const body = { policy: p.policy, decision: p.decision, status: p.status === 'open' || p.status === 'escalated' ? p.status : undefined };
  const item = await post('/v1/reviews/next', body);
  if (!item) return false;
  go(`#/item/${item.id}`);
  return true;
}

export function Queue() {
  const [filters, setFilters] = useState(queue.filters);
  const [items, setItems] = useState(null);
  const [stats, setStats] = useState(null);
  const [policies, setPolicies] = useState([]);
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState(null);
  const [error, setError] = useState(null);
  const [tick, setTick] = useState(0);
  const table = useRef(null);

  useEffect(() => {
    get('/v1/policies').then((s) => setPolicies(s.policies.map((p) => p.id)), () => undefined);
  }, []);
  useEffect(() => {
    get('/v1/reviews/stats').then(setStats, () => undefined);
  }, [tick]);
  useEffect(() => {
    queue.filters = filters;
    saveQueue();
    const ctl = new AbortController();
    setError(null);
    get(`/v1/reviews${query({ ...filterParams(filters), limit: 100 })}`, { signal: ctl.signal }).then(
      (r) => {
        setItems(r.items);
        setSelected(0);
        queue.ids = r.items.map((i) => i.id);
        saveQueue();
      },
      (e) => e.name !== 'AbortError' && setError(e.message),
    );
    return () => ctl.abort();
  }, [filters, tick]);
  useEffect(() => {
    table.current?.querySelector('tr.selected a')?.focus({ preventScroll: false });
  }, [selected]);

  const next = async () => {
    setMessage(null);
    try {
      if (!(await claimNext(filters))) setMessage('Nothing to claim: the queue is empty for these filters.');
    } catch (e) {
      setError(e.message);
    }
  };
  const set = (k) => (e) => setFilters({ ...filters, [k]: e.currentTarget.value });
  const count = items?.length ?? 0;
  useShortcuts([
    { key: 'n', label: 'Claim the next item', run: next },
    { key: 'j', label: 'Select the next row', run: () => setSelected((i) => Math.min(count - 1, i + 1)) },
    { key: 'k', label: 'Select the previous row', run: () => setSelected((i) => Math.max(0, i - 1)) },
    { key: 'Enter', label: 'Open the selected row', hidden: true, run: () => items?.[selected] && go(`#/item/${items[selected].id}`) },
    { key: 'o', label: 'Open the selected row', run: () => items?.[selected] && go(`#/item/${items[selected].id}`) },
    { key: 'r', label: 'Refresh the list and counts', run: () => setTick((t) => t + 1) },
    { key: '/', label: 'Focus the filters', run: () => document.getElementById('f-status')?.focus() },
  ]);

  const byStatus = stats?.reviews_by_status ?? {};
  return html`<section aria-labelledby="queue-title">
    <div class="page-head">
      <h1 id="queue-title">Review queue</h1>
      <button class="btn" onClick=${() => setTick((t) => t + 1)} aria-keyshortcuts="r">Refresh <kbd>r</kbd></button>
      <button class="btn primary" onClick=${next} aria-keyshortcuts="n">Claim next <kbd>n</kbd></button>
    </div>
    <ul class="counts" aria-label="Items by status (last 7 days)">
      ${STATUSES.map((s) => html`<li><span class="count-n">${byStatus[s] ?? 0}</span> ${s}</li>`)}
      <li><span class="count-n">${stats?.reviews_claimed ?? 0}</span> under lease</li>
    </ul>
    <form class="filters" onSubmit=${(e) => e.preventDefault()} aria-label="Filters">
      <label>Status <select id="f-status" value=${filters.status} onChange=${set('status')}>
        <option value="">Any</option>${STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}
      </select></label>
      <label>Policy <select id="f-policy" value=${filters.policy} onChange=${set('policy')}>
        <option value="">Any</option>${policies.map((p) => html`<option value=${p}>${p}</option>`)}
      </select></label>
      <label>Decision <select id="f-decision" value=${filters.decision} onChange=${set('decision')}>
        <option value="">Any</option>${DECISIONS.map((d) => html`<option value=${d}>${d}</option>`)}
      </select></label>
      <label>Age <select id="f-age" value=${filters.age} onChange=${set('age')}>
        ${Object.entries(AGE_LABELS).map(([v, l]) => html`<option value=${v}>${l}</option>`)}
      </select></label>
    </form>
    ${message && html`<p class="notice" role="status">${message}</p>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${items === null
      ? html`<p class="loading">Loading the queue…</p>`
      : items.length === 0
        ? html`<p class="empty" role="status">No items match these filters.</p>`
        : html`<div class="table-wrap"><table class="queue" ref=${table}>
            <caption class="sr-only">${items.length} items; j and k move, o opens</caption>
            <thead><tr><th scope="col">Item</th><th scope="col">Policies</th><th scope="col">Decision</th><th scope="col">Score</th><th scope="col">Status</th><th scope="col">Waiting</th><th scope="col">Lease</th></tr></thead>
            <tbody>
              ${items.map((i, n) => html`<tr class=${n === selected ? 'selected' : ''} data-id=${i.id}>
                <td><a href=${`#/item/${i.id}`} onFocus=${() => setSelected(n)}>${i.id.slice(0, 8)}</a>${i.appeal_count ? html` <span class="tag">appealed</span>` : ''}</td>
                <td>${i.policies.join(', ')}</td>
                <td><span class=${`tag action-${i.decision}`}>${i.decision}</span></td>
                <td class="num">${i.max_score?.toFixed(3) ?? '–'}</td>
                <td>${i.status}</td>
                <td>${age(i.opened_at)}</td>
                <td>${i.lease ? i.lease.holder : ''}</td>
              </tr>`)}
            </tbody>
          </table></div>`}
  </section>`;
}
