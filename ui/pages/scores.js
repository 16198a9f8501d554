import { html } from '../lib.js';

const LEVELS = [
  ['flag', 'F'],
  ['blur', 'B'],
  ['block', 'X'],
];

/**
 * The scale of a bar: from 0 (or below, to show negative cosines) to a little past the highest of the
 * scores and thresholds. Bars that are compared (one policy across frames) share one range.
 */
export function scoreRange(scores, thresholds = {}) {
  const vals = [...scores, ...LEVELS.map(([k]) => thresholds[k]).filter((v) => typeof v === 'number')];
  const lo = Math.min(0, ...vals);
  const hiRaw = Math.max(...vals);
  return { lo, hi: hiRaw + Math.max(0.05, (hiRaw - lo) * 0.15) };
}

/** One policy's score against its thresholds, as an SVG bar (no inline styles: CSP). */
export function ScoreBar({ p, compact = false, range }) {
  const t = p.thresholds ?? {};
  const marks = LEVELS.filter(([k]) => typeof t[k] === 'number').map(([k, short]) => ({ k, short, v: t[k] }));
  const { lo, hi } = range ?? scoreRange([p.score], t);
  const W = 320;
  const x = (v) => ((v - lo) / (hi - lo)) * W;
  const label = `${p.policy_id}: score ${p.score.toFixed(3)}, action ${p.action}${marks.length ? '; thresholds ' + marks.map((m) => `${m.k} ${m.v}`).join(', ') : ''}`;
  // compact (the frame strip): no letters under the marks, which a narrow stretched bar would distort.
  return html`<svg class=${compact ? 'scorebar compact' : 'scorebar'} viewBox=${`0 0 ${W} ${compact ? 26 : 34}`} role="img" aria-label=${label} preserveAspectRatio="none">
    <rect class="track" x="0" y="8" width=${W} height="12" rx="3" />
    <rect class=${`fill action-${p.action}`} x="0" y="8" width=${Math.max(1, x(p.score))} height="12" rx="3" />
    ${marks.map((m) => html`<g class=${`mark mark-${m.k}`}>
      <line x1=${x(m.v)} x2=${x(m.v)} y1="4" y2="24" />
      ${compact ? '' : html`<text x=${Math.min(W - 8, Math.max(2, x(m.v) - 3))} y="33">${m.short}</text>`}
    </g>`)}
  </svg>`;
}

export function PolicyScores({ policies }) {
  if (!policies?.length) return html`<p class="muted">No policy scores were recorded.</p>`;
  return html`<ul class="scores">
    ${policies.map((p) => html`<li>
      <div class="score-head">
        <strong>${p.policy_id}</strong>
        <span class=${`tag action-${p.action}`}>${p.action}</span>
        <span class="num">${p.score.toFixed(3)}</span>
        ${typeof p.frame === 'number' ? html`<span class="muted">frame ${p.frame}</span>` : ''}
      </div>
      <${ScoreBar} p=${p} />
      <dl class="prompts">
        <dt>Matched prompt</dt><dd>${p.matched_prompt ? html`“${p.matched_prompt}” (${p.matched_similarity.toFixed(3)})` : '–'}</dd>
        ${p.closest_contrast ? html`<dt>Closest contrast</dt><dd>“${p.closest_contrast}” (${p.contrast_similarity?.toFixed(3)})</dd>` : ''}
        ${p.matched_example ? html`<dt>Matched example</dt><dd>${p.matched_example} (${p.example_score?.toFixed(3)})</dd>` : ''}
      </dl>
    </li>`)}
  </ul>`;
}
