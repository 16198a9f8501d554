import { html, useEffect, useState } from '../lib.js';
import { get, query } from '../api.js';
import { BarChart } from './charts.js';

const WINDOWS = { '24h': 24 * 3600e3, '7d': 7 * 24 * 3600e3, '30d': 30 * 24 * 3600e3 };
const pct = (v) => `${Math.round(v * 100)}%`;

function duration(s) {
  if (s === null || s === undefined) return '–';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

export function Stats() {
  const [win, setWin] = useState('7d');
  const [s, setS] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setError(null);
    get(`/v1/reviews/stats${query({ from: new Date(Date.now() - WINDOWS[win]).toISOString() })}`).then(setS, (e) => setError(e.message));
  }, [win]);
  const entries = (o, cls) => Object.entries(o ?? {}).map(([label, value]) => ({ label, value, cls: cls?.(label) }));
  return html`<section aria-labelledby="stats-title">
    <div class="page-head">
      <h1 id="stats-title">Statistics</h1>
      <label>Window <select value=${win} onChange=${(e) => setWin(e.currentTarget.value)}>
        <option value="24h">Last 24 hours</option><option value="7d">Last 7 days</option><option value="30d">Last 30 days</option>
      </select></label>
    </div>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${!s
      ? html`<p class="loading">Loading…</p>`
      : html`<div class="big-numbers">
            <div><span class="big">${s.review_decisions}</span> review decisions</div>
            <div><span class="big">${duration(s.median_time_to_decision_s)}</span> median time to decision</div>
            <div><span class="big">${s.reviews_claimed}</span> items under lease</div>
          </div>
          <div class="charts">
            <${BarChart} id="c-decisions" title="Moderations by decision" data=${entries(s.moderations_by_decision, (l) => `action-${l}`)} />
            <${BarChart} id="c-status" title="Review items by status" data=${entries(s.reviews_by_status)} />
            <${BarChart} id="c-overturn" title="Overturn rate per policy (overturned / decided)" max=${1} format=${pct}
              data=${Object.entries(s.verdicts_per_policy ?? {}).map(([label, v]) => ({ label, value: v.overturn_rate }))} />
            <${BarChart} id="c-moderators" title="Decisions per moderator" data=${Object.entries(s.decisions_per_moderator ?? {}).map(([label, v]) => ({ label, value: v.total }))} />
          </div>`}
  </section>`;
}
