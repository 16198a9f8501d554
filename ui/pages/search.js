import { html, useState } from '../lib.js';
import { get, query, request } from '../api.js';
import { useShortcuts } from '../keys.js';
import { ResultGrid } from './thumbs.js';

export function Search() {
  const [q, setQ] = useState('');
  const [decision, setDecision] = useState('');
  const [result, setResult] = useState(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState(null);
  const run = async (params, label) => {
    setError(null);
    try {
      setResult(await get(`/v1/search${query({ ...params, decision, limit: 40 })}`));
      setTitle(label);
    } catch (e) {
      setError(e.message);
    }
  };
  const byImage = async (e) => {
    e.preventDefault();
    const file = e.currentTarget.elements.namedItem('image').files?.[0];
    if (!file) return;
    setError(null);
    try {
      const form = new FormData();
      form.append('image', file, file.name);
      setResult(await request('POST', `/v1/search/image${query({ decision, limit: 40 })}`, { form }));
      setTitle(`Near duplicates of ${file.name}`);
    } catch (err) {
      setError(err.message);
    }
  };
  const submit = (e) => {
    e.preventDefault();
    if (q.trim()) run({ q: q.trim() }, `Images like “${q.trim()}”`);
  };
  useShortcuts([{ key: '/', label: 'Focus the search box', run: () => document.getElementById('s-q')?.focus() }]);
  return html`<section aria-labelledby="search-title">
    <div class="page-head"><h1 id="search-title">Search</h1></div>
    <form class="filters" role="search" onSubmit=${submit}>
      <label>Text <input id="s-q" type="search" value=${q} maxlength="500" placeholder="e.g. a pistol" onInput=${(e) => setQ(e.currentTarget.value)} /></label>
      <label>Decision <select id="s-decision" value=${decision} onChange=${(e) => setDecision(e.currentTarget.value)}>
        <option value="">Any</option>${['allow', 'flag', 'blur', 'block'].map((d) => html`<option value=${d}>${d}</option>`)}
      </select></label>
      <button class="btn primary" type="submit">Search</button>
    </form>
    <form class="filters" onSubmit=${byImage} aria-label="Search by image">
      <label>Or an image <input id="s-image" name="image" type="file" accept="image/*" /></label>
      <button class="btn" type="submit">Find near duplicates</button>
    </form>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${result &&
    html`<h2>${title}</h2>
      <p class="muted" role="status">${result.items.length} result(s) among ${result.searched} images, ${result.search_ms} ms.</p>
      <${ResultGrid} items=${result.items} onSimilar=${(id) => run({ similar_to: id }, `Near duplicates of ${id.slice(0, 8)}`)} />`}
  </section>`;
}
