import { go, html, useEffect, useRef, useState } from '../lib.js';
import { get, post, query, request } from '../api.js';
import { useShortcuts } from '../keys.js';
import { queue, saveWellness, wellness } from '../state.js';
import { age, claimNext } from './queue.js';
import { FrameStrip } from './frames.js';
import { PolicyScores } from './scores.js';
import { ResultGrid } from './thumbs.js';

function Countdown({ expiresAt, onExpired }) {
  const [left, setLeft] = useState(() => Date.parse(expiresAt) - Date.now());
  useEffect(() => {
    const t = setInterval(() => {
      const l = Date.parse(expiresAt) - Date.now();
      setLeft(l);
      if (l <= 0) {
        clearInterval(t);
        onExpired?.();
      }
    }, 1000);
    return () => clearInterval(t);
  }, [expiresAt]);
  const s = Math.max(0, Math.round(left / 1000));
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return html`<span class=${`countdown ${s < 60 ? 'low' : ''}`} role="timer" aria-label=${`lease ends in ${text}`}>${text}</span>`;
}

function RevealDialog({ open, onCancel, onReveal }) {
  const ref = useRef(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (open && !d.open) {
      setReason('');
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);
  const submit = (e) => {
    e.preventDefault();
    if (reason.trim()) onReveal(reason.trim());
  };
  return html`<dialog ref=${ref} aria-labelledby="reveal-title" onClose=${onCancel}>
    <form onSubmit=${submit}>
      <h2 id="reveal-title">Reveal the original</h2>
      <p class="muted">Say why you need to see it unblurred. The reason is written to the audit log.</p>
      <label for="reveal-reason">Reason</label>
      <input id="reveal-reason" required maxlength="1000" value=${reason} onInput=${(e) => setReason(e.currentTarget.value)} />
      <div class="row">
        <button class="btn primary" type="submit">Reveal</button>
        <button class="btn" type="button" onClick=${onCancel}>Cancel</button>
      </div>
    </form>
  </dialog>`;
}

export function Item({ id, session }) {
  const [item, setItem] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [revealed, setRevealed] = useState(null);
  const [revealing, setRevealing] = useState(false);
  const [well, setWell] = useState(() => wellness(session.name));
  const [note, setNote] = useState('');
  const [chosen, setChosen] = useState(null);
  const [busy, setBusy] = useState(false);
  // Animations: the sampled frame shown in the large preview (null: the image's own blurred preview).
  const [frame, setFrame] = useState(null);

  const load = () =>
    get(`/v1/reviews/${id}`).then(
      (i) => {
        setItem(i);
        setChosen((c) => c ?? fired(i));
      },
      (e) => setError(e.message),
    );
  useEffect(() => {
    setFrame(null);
    load();
  }, [id]);
  useEffect(() => () => revealed && URL.revokeObjectURL(revealed), [revealed]);
  const [similar, setSimilar] = useState(null);
  useEffect(() => {
    if (item?.moderation_id && similar === null) {
      get(`/v1/search${query({ similar_to: item.moderation_id, limit: 6 })}`).then((r) => setSimilar(r.items), () => setSimilar([]));
    }
  }, [item?.moderation_id]);
  const [appealReason, setAppealReason] = useState('');

  const mine = item?.lease && item.lease.holder === session.name;
  const act = (fn) => async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e.message);
    } finally {
      setBusy(false);
    }
  };
  const claim = act(async () => {
    setItem(await post(`/v1/reviews/${id}/claim`).then(() => get(`/v1/reviews/${id}`)));
  });
  const release = act(async () => {
    await post(`/v1/reviews/${id}/release`);
    go('#/queue');
  });
  const decide = (verdict) =>
    act(async () => {
      if (!mine) throw new Error('Claim the item before deciding (c).');
      await post(`/v1/reviews/${id}/decision`, { verdict, policies: chosen?.length ? chosen : undefined, note: note.trim() || undefined });
      setNotice(`Recorded: ${verdict}.`);
      if (!(await claimNext(queue.filters))) go('#/queue');
    });
  const appeal = act(async () => {
    await post(`/v1/moderations/${item.moderation_id}/appeals`, { reason: appealReason.trim() });
    setAppealReason('');
    setNotice('Appeal filed: the item is open again.');
    await load();
  });
  const reveal = async (reason) => {
    setRevealing(false);
    try {
      const res = await request('GET', `/v1/reviews/${id}/image${query({ reveal: true, reason })}`, { raw: true });
      setRevealed(URL.createObjectURL(await res.blob()));
    } catch (e) {
      setError(e.message);
    }
  };
  const toggleGray = () => {
    const w = { ...well, grayscale: !well.grayscale };
    saveWellness(session.name, w);
    setWell(w);
  };
  // A blurred frame replaces a revealed original: the original is shown only while it is asked for.
  const showFrame = (f) => {
    setRevealed(null);
    setFrame(f);
  };
  const stepFrame = (d) => {
    const list = item?.record?.frames?.map((f) => f.frame) ?? [];
    if (!list.length) return;
    const i = frame === null ? (d > 0 ? -1 : list.length) : list.indexOf(frame);
    showFrame(list[Math.min(list.length - 1, Math.max(0, i + d))]);
  };
  const step = (d) => {
    const i = queue.ids.indexOf(id);
    const next = queue.ids[i + d];
    if (next) go(`#/item/${next}`);
  };
  useShortcuts([
    { key: 'u', label: 'Uphold: the automatic decision was right', run: decide('uphold') },
    { key: 'o', label: 'Overturn: the automatic decision was wrong', run: decide('overturn') },
    { key: 'e', label: 'Escalate to a senior moderator', run: decide('escalate') },
    { key: 'r', label: 'Reveal the original (asks for a reason)', run: () => mine && setRevealing(true) },
    { key: 'h', label: 'Hide the original again', run: () => setRevealed(null) },
    { key: 'v', label: 'Toggle grayscale (remembered)', run: toggleGray },
    { key: 'c', label: 'Claim this item (renews your lease when you hold it)', run: claim },
    { key: 'l', label: 'Release the lease', run: release },
    { key: 'n', label: 'Claim the next item', run: () => claimNext(queue.filters).then((ok) => ok || setNotice('The queue is empty.')) },
    { key: 'j', label: 'Next item in the list', run: () => step(1) },
    { key: 'k', label: 'Previous item in the list', run: () => step(-1) },
    { key: ']', label: 'Animations: show the next sampled frame', run: () => stepFrame(1) },
    { key: '[', label: 'Animations: show the previous sampled frame', run: () => stepFrame(-1) },
    { key: 'm', label: 'Write a note', run: () => document.getElementById('note')?.focus() },
    { key: 'Escape', label: 'Back to the queue', hidden: true, run: () => go('#/queue') },
  ]);

  if (!item) return error ? html`<p class="error" role="alert">${error}</p>` : html`<p class="loading">Loading the item…</p>`;
  const rec = item.record;
  const firedIds = fired(item);
  return html`<section class="item" aria-labelledby="item-title">
    <div class="page-head">
      <h1 id="item-title">Item ${item.id.slice(0, 8)}</h1>
      <span class=${`tag action-${item.decision}`}>${item.decision}</span>
      <span class="tag">${item.status}</span>
      ${mine
        ? html`<span class="lease">Your lease: <${Countdown} expiresAt=${item.lease.expires_at} onExpired=${load} /></span>
            <button class="btn" onClick=${claim} aria-keyshortcuts="c">Renew <kbd>c</kbd></button>
            <button class="btn" onClick=${release} aria-keyshortcuts="l">Release <kbd>l</kbd></button>`
        : item.lease
          ? html`<span class="lease">Held by ${item.lease.holder}</span>`
          : item.status !== 'closed' && html`<button class="btn primary" onClick=${claim} aria-keyshortcuts="c">Claim <kbd>c</kbd></button>`}
      <a class="btn ghost" href="#/queue">Back to queue</a>
    </div>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${notice && html`<p class="notice" role="status">${notice}</p>`}
    <div class="item-grid">
      <figure class="preview">
        <img
          class=${well.grayscale ? 'gray' : ''}
          src=${revealed ?? (frame !== null ? `/v1/moderations/${item.moderation_id}/preview?frame=${frame}` : `/v1/reviews/${item.id}/image`)}
          alt=${revealed ? 'The original image (revealed)' : frame !== null ? `Blurred preview of frame ${frame}` : 'Blurred preview of the image'}
        />
        <figcaption>
          ${revealed ? html`<strong>Original shown</strong> (the reveal was audited)` : frame !== null ? `Blurred preview, frame ${frame}` : 'Blurred preview'}
          ${rec ? html` · ${rec.image.format} ${rec.image.width}×${rec.image.height}${rec.image.frames > 1 ? `, ${rec.image.frames} frames` : ''}` : ''}
        </figcaption>
        <div class="row">
          ${revealed
            ? html`<button class="btn" onClick=${() => setRevealed(null)} aria-keyshortcuts="h">Hide <kbd>h</kbd></button>`
            : html`<button class="btn" onClick=${() => setRevealing(true)} disabled=${!mine} aria-keyshortcuts="r" title=${mine ? '' : 'Claim the item first'}>Reveal… <kbd>r</kbd></button>`}
          <label class="check"><input type="checkbox" checked=${well.grayscale} onChange=${toggleGray} /> Grayscale <kbd>v</kbd></label>
        </div>
      </figure>
      <div class="evidence">
        <h2>Scores against thresholds</h2>
        <${PolicyScores} policies=${rec?.policies} />
        ${rec?.reasons?.length ? html`<h2>Reasons</h2><ul class="reasons">${rec.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
        <${FrameStrip} moderationId=${item.moderation_id} policies=${rec?.policies} frames=${rec?.frames} shown=${revealed ? null : frame} onShow=${showFrame} gray=${well.grayscale} />
        <h2>Decision</h2>
        <form class="decide" onSubmit=${(e) => e.preventDefault()}>
          <fieldset>
            <legend>Policies the verdict is about</legend>
            ${firedIds.map((p) => html`<label class="check"><input type="checkbox" checked=${chosen?.includes(p)} onChange=${(e) => setChosen(e.currentTarget.checked ? [...(chosen ?? []), p] : (chosen ?? []).filter((x) => x !== p))} /> ${p}</label>`)}
          </fieldset>
          <label for="note">Note</label>
          <textarea id="note" rows="2" maxlength="4000" value=${note} onInput=${(e) => setNote(e.currentTarget.value)}></textarea>
          <div class="row verdicts">
            <button class="btn primary" type="button" onClick=${decide('uphold')} disabled=${!mine || busy} aria-keyshortcuts="u">Uphold <kbd>u</kbd></button>
            <button class="btn" type="button" onClick=${decide('overturn')} disabled=${!mine || busy} aria-keyshortcuts="o">Overturn <kbd>o</kbd></button>
            <button class="btn warn" type="button" onClick=${decide('escalate')} disabled=${!mine || busy} aria-keyshortcuts="e">Escalate <kbd>e</kbd></button>
          </div>
        </form>
        <h2>History</h2>
        <ol class="history">
          <li>Opened ${age(item.opened_at)} ago (${item.origin})</li>
          ${item.history.map((h) => html`<li><strong>${h.actor}</strong> ${h.type === 'appeal' ? html`appealed: “${h.reason}”` : html`${h.verdict}${h.policies?.length ? ` (${h.policies.join(', ')})` : ''}${h.note ? html`: “${h.note}”` : ''}`} <span class="muted">${new Date(h.at).toLocaleString()}</span></li>`)}
        </ol>
        ${item.status === 'closed' &&
        html`<form class="appeal-form" onSubmit=${(e) => { e.preventDefault(); if (appealReason.trim()) appeal(); }}>
          <label for="appeal-reason">Appeal this decision (reopens the item)</label>
          <div class="row">
            <input id="appeal-reason" required maxlength="4000" value=${appealReason} placeholder="the appellant's reason" onInput=${(e) => setAppealReason(e.currentTarget.value)} />
            <button class="btn" type="submit" disabled=${busy}>File appeal</button>
          </div>
        </form>`}
        <h2>Similar items</h2>
        ${similar === null ? html`<p class="loading">Searching…</p>` : similar.length === 0 ? html`<p class="muted">No near duplicates found.</p>` : html`<${ResultGrid} items=${similar} />`}
      </div>
    </div>
    <${RevealDialog} open=${revealing} onCancel=${() => setRevealing(false)} onReveal=${reveal} />
  </section>`;
}

function fired(item) {
  const ps = item.record?.policies?.filter((p) => p.action !== 'allow').map((p) => p.policy_id);
  return ps?.length ? ps : item.policies;
}
