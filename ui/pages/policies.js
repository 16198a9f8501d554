import { html, useEffect, useRef, useState } from '../lib.js';
import { get, post, request } from '../api.js';
import { useShortcuts } from '../keys.js';
import { DraftPreview } from './draft-preview.js';
import { Evaluation } from './evaluation.js';

const enc = encodeURIComponent;

/** Moves the caret of a textarea to line:column (1-based) and scrolls it there. */
function jumpTo(textarea, line, column) {
  const lines = textarea.value.split('\n');
  let pos = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i++) pos += lines[i].length + 1;
  pos += Math.max(0, (column ?? 1) - 1);
  textarea.focus();
  textarea.setSelectionRange(pos, pos);
  const lh = textarea.scrollHeight / Math.max(1, lines.length);
  textarea.scrollTop = Math.max(0, (line - 3) * lh);
}

function Issues({ result, editor }) {
  if (!result) return html`<p class="muted" role="status">Not validated yet.</p>`;
  const all = [...result.errors.map((e) => ({ ...e, level: 'error' })), ...result.warnings.map((w) => ({ ...w, level: 'warning' }))];
  return html`<div role="status" aria-live="polite">
    <p class=${result.valid ? 'ok' : 'error'}>${result.valid ? `Valid${result.warnings.length ? ` with ${result.warnings.length} warning(s)` : ''}.` : `${result.errors.length} error(s).`}</p>
    ${all.length > 0 &&
    html`<ul class="issues">
      ${all.map((i) => html`<li class=${i.level}>
        <button class="linkish" type="button" onClick=${() => editor.current && jumpTo(editor.current, i.line, i.column)}>line ${i.line ?? '?'}, column ${i.column ?? '?'}</button>
        <span class="tag">${i.level}</span> ${i.path ? html`<code>${i.path}</code> ` : ''}${i.message}
      </li>`)}
    </ul>`}
  </div>`;
}

export function Policies() {
  const [active, setActive] = useState(null);
  const [docs, setDocs] = useState(null);
  const [name, setName] = useState(null);
  const [versions, setVersions] = useState(null);
  const [text, setText] = useState('');
  const [original, setOriginal] = useState('');
  const [result, setResult] = useState(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [openDiff, setOpenDiff] = useState(null);
  const editor = useRef(null);

  const refresh = async (n = name) => {
    const [a, d] = await Promise.all([get('/v1/policies'), get('/v1/policy-sets').catch(() => ({ items: [] }))]);
    setActive(a);
    setDocs(d.items);
    const chosen = n ?? d.items.find((x) => x.served)?.name ?? d.items[0]?.name ?? null;
    if (chosen) await openDoc(chosen);
  };
  const openDoc = async (n) => {
    setName(n);
    const [doc, v] = await Promise.all([get(`/v1/policy-sets/${enc(n)}`), get(`/v1/policy-sets/${enc(n)}/versions`)]);
    setText(doc.text);
    setOriginal(doc.text);
    setVersions(v);
    setResult(null);
  };
  useEffect(() => {
    refresh().catch((e) => setError(e.message));
  }, []);

  // Validate as you type, debounced; a newer keystroke aborts the older request.
  useEffect(() => {
    if (!text) return;
    const ctl = new AbortController();
    const t = setTimeout(() => {
      request('POST', '/v1/policies/validate', { text, signal: ctl.signal }).then(setResult, (e) => e.name !== 'AbortError' && setError(e.message));
    }, 350);
    return () => {
      clearTimeout(t);
      ctl.abort();
    };
  }, [text]);

  const save = async () => {
    setError(null);
    setNotice(null);
    try {
      const r = await request('PUT', `/v1/policy-sets/${enc(name)}?comment=${enc(comment || 'edited in the dashboard')}`, { text });
      setNotice(r.created ? `Stored and activated version ${r.version}.` : 'No change: the text is the same as a stored version.');
      setComment('');
      await refresh(name);
    } catch (e) {
      const first = e.details?.errors?.[0];
      setError(first ? `${e.message}: line ${first.line}, column ${first.column}: ${first.message}` : e.message);
    }
  };
  const activate = async (version) => {
    setError(null);
    try {
      await post(`/v1/policy-sets/${enc(name)}/activate`, { version, comment: `activated from the dashboard` });
      setNotice(`Version ${version} is now active.`);
      await refresh(name);
    } catch (e) {
      setError(e.message);
    }
  };
  useShortcuts([
    { key: 'i', label: 'Edit the policy text', run: () => editor.current?.focus() },
    { key: 's', label: 'Save and activate the edited text', run: () => result?.valid && text !== original && save() },
  ]);

  const lines = text.split('\n').length;
  const errorLines = new Set((result?.errors ?? []).map((e) => e.line));
  return html`<section aria-labelledby="pol-title">
    <div class="page-head"><h1 id="pol-title">Policies</h1>
      ${active && html`<span class="muted">Active set <strong>${active.name}</strong>, version <code>${active.version}</code></span>`}
    </div>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${notice && html`<p class="notice" role="status">${notice}</p>`}
    ${active &&
    html`<div class="table-wrap"><table class="policies">
      <caption>Active policies</caption>
      <thead><tr><th scope="col">Policy</th><th scope="col">Scoring</th><th scope="col">Severity</th><th scope="col">Thresholds</th><th scope="col">Prompts</th></tr></thead>
      <tbody>${active.policies.map((p) => html`<tr><td><strong>${p.id}</strong><br /><span class="muted">${p.description}</span></td><td>${p.scoring}</td><td>${p.severity}</td>
        <td>${Object.entries(p.thresholds).map(([k, v]) => html`<span class=${`tag action-${k}`}>${k} ${v}</span> `)}</td><td class="num">${p.prompt_count}</td></tr>`)}</tbody>
    </table></div>`}
    ${docs?.length > 1 &&
    html`<label>Document <select value=${name} onChange=${(e) => openDoc(e.currentTarget.value).catch((er) => setError(er.message))}>
      ${docs.map((d) => html`<option value=${d.name}>${d.name}${d.served ? '' : ' (not served)'}</option>`)}
    </select></label>`}
    ${name &&
    html`<div class="editor-grid">
      <div class="editor">
        <h2>Edit <code>${name}</code></h2>
        <div class="code">
          <pre class="gutter" aria-hidden="true">${Array.from({ length: lines }, (_, i) => html`<span class=${errorLines.has(i + 1) ? 'bad' : ''}>${i + 1}</span>`)}</pre>
          <textarea id="policy-text" ref=${editor} spellcheck="false" aria-label="Policy YAML" aria-invalid=${result && !result.valid ? 'true' : 'false'} aria-describedby="policy-issues"
            rows=${Math.min(30, Math.max(12, lines + 1))} value=${text} onInput=${(e) => setText(e.currentTarget.value)}
            onScroll=${(e) => (e.currentTarget.previousElementSibling.scrollTop = e.currentTarget.scrollTop)}></textarea>
        </div>
        <div id="policy-issues"><${Issues} result=${result} editor=${editor} /></div>
        <div class="row">
          <label for="change-comment">Comment</label>
          <input id="change-comment" value=${comment} placeholder="why this change" onInput=${(e) => setComment(e.currentTarget.value)} />
          <button class="btn primary" type="button" onClick=${save} disabled=${!result?.valid || text === original}>Save and activate</button>
          <button class="btn" type="button" onClick=${() => setText(original)} disabled=${text === original}>Discard edits</button>
        </div>
        <${DraftPreview} text=${text} />
        <${Evaluation} text=${text} />
      </div>
      <div class="versions">
        <h2>Versions</h2>
        <ol class="version-list">
          ${(versions?.versions ?? []).map((v) => html`<li>
            <div><strong>v${v.version}</strong> ${v.active ? html`<span class="tag action-allow">active</span>` : ''} <span class="muted">${v.author}, ${new Date(v.created_at).toLocaleString()}</span></div>
            ${v.comment && html`<div>${v.comment}</div>`}
            <div class="row">
              ${!v.active && html`<button class="btn" type="button" onClick=${() => activate(v.version)}>${v.version < (versions.active_version ?? 0) ? 'Roll back to' : 'Activate'} v${v.version}</button>`}
              ${v.diff && html`<button class="btn ghost" type="button" aria-expanded=${openDiff === v.version} onClick=${() => setOpenDiff(openDiff === v.version ? null : v.version)}>Diff</button>`}
            </div>
            ${openDiff === v.version && html`<pre class="diff">${v.diff.split('\n').map((l) => html`<span class=${l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : ''}>${l || ' '}</span>`)}</pre>`}
          </li>`)}
        </ol>
      </div>
    </div>`}
  </section>`;
}
