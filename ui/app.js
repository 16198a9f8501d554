import { go, html, render, useEffect, useRef, useState } from './lib.js';
import { ApiError, get, request, setSession } from './api.js';
import { activeShortcuts, onShortcutsChanged, useShortcuts } from './keys.js';
import { SignIn } from './pages/signin.js';
import { Queue } from './pages/queue.js';
import { Item } from './pages/item.js';
import { Policies } from './pages/policies.js';

const isPolicyAdmin = (s) => s.roles.includes('policy-admin') || s.roles.includes('admin');
const isModerator = (s) => s.roles.includes('moderator') || s.roles.includes('admin');

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
  useShortcuts([
    { key: '?', label: 'Show these shortcuts', run: () => setHelp(true) },
    ...(isModerator(session) ? [{ key: 'q', label: 'Go to the queue', run: () => go('#/queue') }] : []),
    ...(isPolicyAdmin(session) ? [{ key: 'p', label: 'Go to policies', run: () => go('#/policies') }] : []),
  ]);
  const link = (href, label, id) => html`<a href=${href} class=${page === id ? 'current' : ''} aria-current=${page === id ? 'page' : undefined}>${label}</a>`;
  return html`<div class="shell">
    <header class="top">
      <span class="brand">clipguard</span>
      <nav aria-label="Main">
        ${isModerator(session) && link('#/queue', 'Queue', 'queue')}
        ${isPolicyAdmin(session) && link('#/policies', 'Policies', 'policies')}
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
  let page;
  let body;
  if (route === 'item' && arg && isModerator(session)) {
    page = 'queue';
    body = html`<${Item} key=${arg} id=${arg} session=${session} />`;
  } else if (route === 'policies' && isPolicyAdmin(session)) {
    page = 'policies';
    body = html`<${Policies} session=${session} />`;
  } else if (isModerator(session)) {
    page = 'queue';
    body = html`<${Queue} session=${session} />`;
  } else {
    page = 'policies';
    body = html`<${Policies} session=${session} />`;
  }
  return html`<${Shell} session=${session} onSignOut=${signOut} page=${page}>${body}<//>`;
}

render(html`<${App} />`, document.getElementById('app'));
