import { bool, ConfigError, Env, int, list, listenHost, oneOf, str } from './env';

export const ROLES = ['ingest', 'moderator', 'policy-admin', 'admin'];

/** One accepted secret; a name with several secrets (rotation) has one of these per secret. */
export interface ApiKeyConfig {
  name: string;
  key: string;
  roles: string[];
}

/** Who may read a surface that is not part of the API proper: anyone, or any caller with a valid key. */
export type SurfaceAccess = 'public' | 'key';

export interface HttpConfig {
  host: string;
  port: number;
  /** The whole request, headers and body, from its first byte (Node's requestTimeout). */
  requestTimeoutMs: number;
  /** Headers alone; a client that trickles them is cut off sooner than the body deadline. */
  headersTimeoutMs: number;
  shutdownGraceMs: number;
  /** JSON bodies of routes that take no image; routes that accept base64 images take MEDIA_MAX_BYTES x 4/3. */
  jsonMaxBytes: number;
  /** Image requests one key may have in flight while other keys wait (see src/common/admission.ts). */
  maxInFlightPerKey: number;
  /** /docs, /docs-json, /docs-yaml: 'off' does not mount them. */
  docs: SurfaceAccess | 'off';
  metrics: SurfaceAccess;
}

export interface AuthConfig {
  /** Empty: authentication off (every caller an anonymous admin), loopback only unless AUTH_DISABLED_ALLOW_REMOTE. */
  keys: ApiKeyConfig[];
}

export const CREATE_KEYS_HINT =
  'create keys with API_KEYS="name:secret:role1|role2,..." (roles: ingest, moderator, policy-admin, admin; secrets of 16+ characters, e.g. from `openssl rand -hex 24`; see docs/security.md)';

/**
 * API_KEYS="name:secret[|secret2...][:role1|role2],...". One entry per name; several secrets in an
 * entry are all accepted (rotation: add the new one, move clients, drop the old). A repeated name or
 * a secret used twice is refused: the first match would silently win and could grant the wrong roles.
 */
export function parseKeys(raw: string[]): ApiKeyConfig[] {
  const out: ApiKeyConfig[] = [];
  const names = new Map<string, number>();
  const secrets = new Map<string, { entry: number; name: string }>();
  raw.forEach((entry, i) => {
    const n = i + 1;
    const [name, secretList, roles, extra] = entry.split(':');
    const keys = (secretList ?? '').split('|');
    if (!name || extra !== undefined || keys.some((k) => k.length < 16)) {
      throw new ConfigError(`API_KEYS entry ${n} ("${name ?? ''}") must be name:secret[|secret...][:roles] with secrets of 16+ characters`);
    }
    const list = (roles ?? 'ingest').split('|').filter(Boolean);
    const unknown = list.filter((r) => !ROLES.includes(r));
    if (unknown.length) throw new ConfigError(`API_KEYS entry ${n} ("${name}"): unknown role(s) ${unknown.join(', ')} (roles: ${ROLES.join(', ')})`);
    const first = names.get(name);
    if (first !== undefined) {
      throw new ConfigError(`API_KEYS entry ${n}: the name "${name}" is already used by entry ${first}; give one entry several secrets to rotate (name:old|new:roles)`);
    }
    names.set(name, n);
    for (const key of keys) {
      const seen = secrets.get(key);
      if (seen) throw new ConfigError(`API_KEYS entry ${n} ("${name}") reuses a secret of entry ${seen.entry} ("${seen.name}"): every secret must be unique`);
      secrets.set(key, { entry: n, name });
      out.push({ name, key, roles: list });
    }
  });
  return out;
}

/** 127.0.0.0/8, ::1 and localhost: the addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\./.test(h);
}

export function authConfig(env: Env): AuthConfig {
  return { keys: parseKeys(list(env, 'API_KEYS', [])) };
}

export function httpConfig(env: Env, auth: AuthConfig, maxInFlight: number): HttpConfig {
  const open = auth.keys.length === 0;
  // Without keys every caller is an admin: only this machine may reach the service unless told otherwise.
  const host = listenHost(env, 'HOST', open ? '127.0.0.1' : '0.0.0.0');
  // Read even when keys are set, so a typo in it is reported either way.
  const allowRemoteOpen = bool(env, 'AUTH_DISABLED_ALLOW_REMOTE', false);
  if (open && !isLoopback(host) && !allowRemoteOpen) {
    throw new ConfigError(
      `HOST=${host} is not a loopback address and API_KEYS is empty (authentication off: every caller would be an admin). ` +
        `${CREATE_KEYS_HINT}; or listen on 127.0.0.1; or set AUTH_DISABLED_ALLOW_REMOTE=true to serve without authentication on purpose`,
    );
  }
  const requestTimeoutMs = int(env, 'REQUEST_TIMEOUT_MS', 30000, 100, 600000);
  const headersTimeoutMs = int(env, 'HEADERS_TIMEOUT_MS', Math.min(10000, requestTimeoutMs), 100, 600000);
  if (headersTimeoutMs > requestTimeoutMs) throw new ConfigError(`HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  const surface = open ? 'public' : 'key';
  return {
    host,
    port: int(env, 'PORT', 8080, 0, 65535),
    requestTimeoutMs,
    headersTimeoutMs,
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 10000, 0, 600000),
    jsonMaxBytes: int(env, 'HTTP_JSON_MAX_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    maxInFlightPerKey: int(env, 'HTTP_MAX_IN_FLIGHT_PER_KEY', maxInFlight, 1, maxInFlight),
    docs: oneOf(env, 'DOCS_ACCESS', surface, ['public', 'key', 'off'] as const),
    metrics: oneOf(env, 'METRICS_ACCESS', 'public', ['public', 'key'] as const),
  };
}
