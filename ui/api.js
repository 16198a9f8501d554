// The one HTTP client of the dashboard: same-origin fetch with the session cookie, the CSRF header on
// writes, and the service's error shape ({ code, message, details }) turned into ApiError.
let csrfToken = null;
let onSignedOut = () => {};

export function setSession(session, signedOut) {
  csrfToken = session?.csrf_token ?? null;
  if (signedOut) onSignedOut = signedOut;
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body && typeof body === 'object' && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? null;
    this.details = body?.details ?? null;
  }
}

export async function request(method, url, { json, text, form, type = 'application/yaml', signal, raw = false } = {}) {
  const headers = { 'X-Requested-With': 'clipguard-dashboard', Accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = form; // multipart: the browser sets the Content-Type with its boundary
  } else if (text !== undefined) {
    headers['Content-Type'] = type;
    body = text;
  }
  const res = await fetch(url, { method, headers, body, signal, credentials: 'same-origin', cache: 'no-store' });
  if (raw && res.ok) return res;
  if (res.status === 204) return null;
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  const data = isJson ? await res.json() : await res.text();
  if (!res.ok) {
    if (res.status === 401 && !url.endsWith('api/session')) onSignedOut();
    throw new ApiError(res.status, data);
  }
  return data;
}

export const get = (url, opts) => request('GET', url, opts);
export const post = (url, json, opts = {}) => request('POST', url, { ...opts, json: json ?? {} });

/** A query string from the set (non-empty) values of an object. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
