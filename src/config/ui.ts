import { bool, ConfigError, Env, int, str } from './env';

/** The moderator dashboard (src/ui, files in ui/; docs/dashboard.md). */
export interface UiConfig {
  /** UI_ENABLED: false serves neither the pages nor the sign-in API. */
  enabled: boolean;
  /** UI_PATH: where the dashboard lives, e.g. /ui (no trailing slash). */
  path: string;
  /** UI_SESSION_TTL_SECONDS: a session ends this long after sign-in, whatever the activity. */
  sessionTtlSeconds: number;
  /** UI_MAX_SESSIONS: live sessions kept in memory per instance; the oldest is dropped beyond it. */
  maxSessions: number;
}

/** Paths the API, docs, probes and metrics own: the dashboard may not shadow them. */
const TAKEN = ['/v1', '/docs', '/docs-json', '/docs-yaml', '/health', '/metrics'];

export function uiConfig(env: Env): UiConfig {
  const p = str(env, 'UI_PATH', '/ui');
  if (!/^(\/[a-z0-9_-]+)+$/i.test(p)) throw new ConfigError(`UI_PATH must be a path like /ui (letters, digits, _ and -, no trailing slash), got "${p}"`);
  const taken = TAKEN.find((t) => p.toLowerCase() === t || p.toLowerCase().startsWith(`${t}/`));
  if (taken) throw new ConfigError(`UI_PATH must not be inside ${taken}, which the service already serves`);
  return {
    enabled: bool(env, 'UI_ENABLED', true),
    path: p,
    sessionTtlSeconds: int(env, 'UI_SESSION_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    maxSessions: int(env, 'UI_MAX_SESSIONS', 10000, 1, 1_000_000),
  };
}
