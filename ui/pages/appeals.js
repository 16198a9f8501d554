import { go, html, useEffect, useState } from '../lib.js';
import { get } from '../api.js';
import { useShortcuts } from '../keys.js';
import { queue, saveQueue } from '../state.js';
import { age } from './queue.js';

/** Open appeals: review items reopened by an appeal, with the appellant's latest reason. */
export function Appeals() {
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    (async () => {
      const lists = await Promise.all(['open', 'claimed', 'escalated'].map((s) => get(`/v1/reviews?status=${s}&limit=500`)));
      const appealed = lists.flatMap((l) => l.items).filter((i) => i.origin === 'appeal');
      const details = await Promise.all(appealed.slice(0, 50).map((i) => get(`/v1/reviews/${i.id}`)));
      const rows = details.map((d) => ({ ...d, reason: [...d.history].reverse().find((h) => h.type === 'appeal')?.reason ?? '' }));
      queue.ids = rows.map((r) => r.id);
      saveQueue();
      setItems(rows);
    })().catch((e) => setError(e.message));
  }, []);
  useShortcuts([{ key: 'o', label: 'Open the first appeal', run: () => items?.[0] && go(`#/item/${items[0].id}`) }]);
  return html`<section aria-labelledby="appeals-title">
    <div class="page-head"><h1 id="appeals-title">Appeals</h1></div>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${items === null
      ? html`<p class="loading">Loading…</p>`
      : items.length === 0
        ? html`<p class="empty" role="status">No open appeals.</p>`
        : html`<div class="table-wrap"><table class="appeals">
            <caption class="sr-only">Open appeals</caption>
            <thead><tr><th scope="col">Item</th><th scope="col">Appellant's reason</th><th scope="col">Earlier verdict</th><th scope="col">Appeals</th><th scope="col">Waiting</th><th scope="col">Status</th></tr></thead>
            <tbody>${items.map((i) => html`<tr data-id=${i.id}>
              <td><a href=${`#/item/${i.id}`}>${i.id.slice(0, 8)}</a></td><td>${i.reason}</td><td>${i.last_verdict ?? '–'}</td>
              <td class="num">${i.appeal_count}</td><td>${age(i.opened_at)}</td><td>${i.status}</td>
            </tr>`)}</tbody>
          </table></div>`}
  </section>`;
}
