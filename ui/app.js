import { go, html, render, useEffect, useRef, useState } from './lib.js';
import { ApiError, get, request, setSession } from './api.js';
import { activeShortcuts, onShortcutsChanged, useShortcuts } from './keys.js';
import { SignIn } from './pages/signin.js';
import { Queue } from './pages/queue.js';
import { Item } from './pages/item.js';
import { Policies } from './pages/policies.js';
import { Appeals } from './pages/appeals.js';
import { Audit } from './pages/audit.js';
import { Search } from './pages/search.js';
import { Stats } from './pages/stats.js';

/** Pages in the navigation, with their number key; `policy` pages need policy-admin, the rest moderator. */
const PAGES = [
  { id: 'queue', label: 'Queue', key: '1', view: Queue },
  { id: 'appeals', label: 'Appeals', key: '2', view: Appeals },
  { id: 'search', label: 'Search', key: '3', view: Search },
  { id: 'audit', label: 'Audit log', key: '4', view: Audit },
  { id: 'stats', label: 'Stats', key: '5', view: Stats },
  { id: 'policies', label: 'Policies', key: '6', view: Policies, policy: true },
];

const isPolicyAdmin = (s) => s.roles.includes('policy-admin') || s.roles.includes('admin');
const isModerator = (s) => s.roles.includes('moderator') || s.roles.includes('admin');
const allowedPages = (s) => PAGES.filter((p) => (p.policy ? isPolicyAdmin(s) : isModerator(s)));

function useHash() {
  const [hash, setHash] = useState(location.hash || '#/');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function Help({ open, onClose }) {
  const ref = useRef(null);
  const [, force] = useState(0);
  useEffect(() => onShortcutsChanged(() => force((n) => n + 1)), []);
  useEffect(() => {
    const d = ref.current;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  const list = activeShortcuts();
  return html`<dialog ref=${ref} class="help" aria-labelledby="help-title" onClose=${onClose}>
    <h2 id="help-title">Keyboard shortcuts</h2>
    <table class="shortcuts">
      <thead><tr><th scope="col">Key</th><th scope="col">Does</th></tr></thead>
      <tbody>
        ${list.map((s) => html`<tr><td><kbd>${s.key === ' ' ? 'Space' : s.key}</kbd></td><td>${s.label}</td></tr>`)}
        <tr><td><kbd>Esc</kbd></td><td>Close a dialog</td></tr>
      </tbody>
    </table>
    <form method="dialog"><button class="btn">Close</button></form>
  </dialog>`;
}

function Shell({ session, onSignOut, children, page }) {
  const [help, setHelp] = useState(false);
  const pages = allowedPages(session);
  useShortcuts([
    { key: '?', label: 'Show these shortcuts', run: () => setHelp(true) },
    ...pages.map((p) => ({ key: p.key, label: `Go to ${p.label.toLowerCase()}`, run: () => go(`#/${p.id}`) })),
  ]);
  const link = (href, label, id) => html`<a href=${href} class=${page === id ? 'current' : ''} aria-current=${page === id ? 'page' : undefined}>${label}</a>`;
  return html`<div class="shell">
    <header class="top">
      <span class="brand">clipguard</span>
      <nav aria-label="Main">
        ${pages.map((p) => link(`#/${p.id}`, p.label, p.id))}
      </nav>
      <span class="who">Signed in as <strong>${session.name}</strong> (${session.roles.join(', ')})</span>
      <button class="btn ghost" onClick=${() => setHelp(true)} aria-keyshortcuts="?">Shortcuts</button>
      <button class="btn ghost" onClick=${onSignOut}>Sign out</button>
    </header>
    <main id="main">${children}</main>
    <${Help} open=${help} onClose=${() => setHelp(false)} />
  </div>`;
}

function App() {
  const [session, setS] = useState(undefined);
  const hash = useHash();
  const signedOut = () => {
    setSession(null);
    setS(null);
  };
  const signedIn = (s) => {
    setSession(s, signedOut);
    setS(s);
    if (!location.hash || location.hash === '#/' || location.hash === '#/signin') go(isModerator(s) ? '#/queue' : '#/policies');
  };
  useEffect(() => {
    get('api/session').then(signedIn, (e) => {
      if (!(e instanceof ApiError) || e.status !== 401) console.error(e);
      signedOut();
    });
  }, []);
  if (session === undefined) return html`<p class="loading">Loading…</p>`;
  if (session === null) return html`<${SignIn} onSignedIn=${signedIn} />`;
  const signOut = async () => {
    await request('DELETE', 'api/session').catch(() => undefined);
    signedOut();
    go('#/signin');
  };
  const [, route, arg] = hash.split(/[/?]/);
  const pages = allowedPages(session);
  let page;
  let body;
  if (route === 'item' && arg && isModerator(session)) {
    page = 'queue';
    body = html`<${Item} key=${arg} id=${arg} session=${session} />`;
  } else {
    const p = pages.find((x) => x.id === route) ?? pages[0];
    page = p.id;
    body = html`<${p.view} key=${p.id} session=${session} />`;
  }
  return html`<${Shell} session=${session} onSignOut=${signOut} page=${page}>${body}<//>`;
}

render(html`<${App} />`, document.getElementById('app'));
