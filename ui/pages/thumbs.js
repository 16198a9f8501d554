import { html, useState } from '../lib.js';

/** A blurred preview by moderation id; a placeholder when the image is not kept. */
export function Thumb({ id, label }) {
  const [missing, setMissing] = useState(false);
  return missing
    ? html`<div class="thumb missing" role="img" aria-label=${`${label} (image not kept)`}>not kept</div>`
    : html`<img class="thumb" src=${`/v1/moderations/${id}/preview`} alt=${label} loading="lazy" onError=${() => setMissing(true)} />`;
}

export function ResultGrid({ items, onSimilar }) {
  return html`<ul class="grid">
    ${items.map((r) => html`<li>
      <${Thumb} id=${r.moderation_id} label=${`Blurred result ${r.moderation_id.slice(0, 8)}, similarity ${r.similarity.toFixed(3)}`} />
      <div class="row"><span class=${`tag action-${r.decision}`}>${r.decision}</span><span class="num">${r.similarity.toFixed(3)}</span></div>
      ${onSimilar && html`<button class="btn ghost small" type="button" onClick=${() => onSimilar(r.moderation_id)}>Near duplicates</button>`}
    </li>`)}
  </ul>`;
}
