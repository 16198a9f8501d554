import { html } from '../lib.js';
import { ScoreBar, scoreRange } from './scores.js';

const RANK = { allow: 0, flag: 1, blur: 2, block: 3 };

/**
 * The frame that decided: the frame of the most severe policy result (higher action, then higher
 * score), as the service names it in `policies[].frame`. Null for a still image.
 */
export function worstFrame(policies) {
  let worst = null;
  for (const p of policies ?? []) {
    if (typeof p.frame !== 'number') continue;
    if (!worst || RANK[p.action] > RANK[worst.action] || (RANK[p.action] === RANK[worst.action] && p.score > worst.score)) worst = p;
  }
  return worst ? worst.frame : null;
}

/**
 * An animation's sampled frames, each as a blurred thumbnail (GET /v1/moderations/{id}/preview?frame=N)
 * with every policy's score on that frame as a small bar against the policy's thresholds. A frame's
 * button shows it in the large preview ([ and ] step through them); the worst frame is marked.
 */
export function FrameStrip({ moderationId, policies, frames, shown, onShow, gray }) {
  if (!frames?.length) return null;
  const byId = new Map((policies ?? []).map((p) => [p.policy_id, p]));
  const worst = worstFrame(policies);
  // One scale per policy across the frames, so a longer bar is a higher score on every card.
  const ranges = new Map(
    [...byId.values()].map((p) => [p.policy_id, scoreRange(frames.flatMap((f) => f.policies.filter((x) => x.policy_id === p.policy_id).map((x) => x.score)), p.thresholds)]),
  );
  return html`<section class="frames" aria-labelledby="frames-title">
    <h2 id="frames-title">Animation frames</h2>
    <p class="muted">${frames.length} sampled frames, blurred. Each bar is the policy's score on that frame against its thresholds. <kbd>[</kbd> <kbd>]</kbd> show the previous or next frame above.</p>
    <ol class="frame-strip" tabindex="0" aria-label="Sampled frames and their scores (scrolls sideways)">
      ${frames.map((f) => {
        const isWorst = f.frame === worst;
        return html`<li class=${`frame-card${isWorst ? ' worst' : ''}${shown === f.frame ? ' shown' : ''}`} data-frame=${f.frame}>
          <button class="frame-pick" type="button" aria-pressed=${shown === f.frame ? 'true' : 'false'} onClick=${() => onShow(shown === f.frame ? null : f.frame)}>
            <img class=${`frame-thumb${gray ? ' gray' : ''}`} src=${`/v1/moderations/${moderationId}/preview?frame=${f.frame}`} alt="" loading="lazy" />
            <span class="frame-name">Frame ${f.frame}${isWorst ? html` <span class="tag worst-tag">worst</span>` : ''}</span>
          </button>
          <ul class="frame-scores">
            ${f.policies.map((p) => {
              const full = byId.get(p.policy_id);
              return html`<li>
                <span class="frame-policy"><span>${p.policy_id}</span> <span class="num">${p.score.toFixed(3)}</span></span>
                <${ScoreBar} compact range=${ranges.get(p.policy_id)} p=${{ policy_id: `${p.policy_id} on frame ${f.frame}`, score: p.score, action: p.action, thresholds: full?.thresholds }} />
              </li>`;
            })}
          </ul>
        </li>`;
      })}
    </ol>
  </section>`;
}
