import { html, useState } from '../lib.js';
import { ApiError, post } from '../api.js';

export function SignIn({ onSignedIn }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await post('api/session', { apiKey: key });
      setKey('');
      onSignedIn(s);
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) setError('This key cannot sign in: the dashboard needs a moderator, policy-admin or admin key (ingest keys only submit images).');
      else if (err instanceof ApiError && err.status === 401) setError('That API key is not valid.');
      else setError(err.message);
    } finally {
      setBusy(false);
    }
  };
  return html`<main class="signin" id="main">
    <form class="card" onSubmit=${submit} aria-describedby=${error ? 'signin-error' : undefined}>
      <h1>clipguard moderation</h1>
      <p class="muted">Sign in with your API key. It is exchanged for a session cookie and not stored in the browser.</p>
      <label for="api-key">API key</label>
      <input id="api-key" name="apiKey" type="password" autocomplete="current-password" required value=${key} onInput=${(e) => setKey(e.currentTarget.value)} autofocus />
      ${error && html`<p id="signin-error" class="error" role="alert">${error}</p>`}
      <button class="btn primary" type="submit" disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
  </main>`;
}
