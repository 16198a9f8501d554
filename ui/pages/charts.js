import { html } from '../lib.js';

/**
 * A horizontal bar chart in SVG (no chart library, no inline styles). data: [{ label, value, cls? }].
 * The figure's text alternative lists every value, so the chart reads the same to a screen reader.
 */
export function BarChart({ title, data, max, format = (v) => String(v), id }) {
  const rows = data.filter((d) => d.value !== null && d.value !== undefined);
  const top = max ?? Math.max(1, ...rows.map((d) => d.value));
  const W = 480;
  const LABEL = 150;
  const ROW = 26;
  const H = Math.max(ROW, rows.length * ROW);
  const summary = rows.map((d) => `${d.label}: ${format(d.value)}`).join('; ') || 'no data';
  return html`<figure class="chart" aria-labelledby=${`${id}-cap`}>
    <figcaption id=${`${id}-cap`}>${title}</figcaption>
    ${rows.length === 0
      ? html`<p class="muted">No data in this window.</p>`
      : html`<svg viewBox=${`0 0 ${W} ${H}`} role="img" aria-label=${`${title}: ${summary}`}>
          ${rows.map((d, i) => {
            const w = Math.max(1, ((W - LABEL - 60) * d.value) / top);
            return html`<g transform=${`translate(0 ${i * ROW})`}>
              <text class="chart-label" x=${LABEL - 8} y="17" text-anchor="end">${d.label}</text>
              <rect class=${`bar ${d.cls ?? ''}`} x=${LABEL} y="5" width=${w} height="16" rx="2" />
              <text class="chart-value" x=${LABEL + w + 6} y="17">${format(d.value)}</text>
            </g>`;
          })}
        </svg>`}
  </figure>`;
}
