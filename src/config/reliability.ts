import { ConfigError, Env, int, list } from './env';

/** What a client gets when the model cannot screen its image (worker dead or hung, engine closed). */
export const FAILURE_MODES = ['error', 'open', 'block', 'review'] as const;
export type FailureMode = (typeof FAILURE_MODES)[number];

/** Token bucket: `rate` requests per second refilled, up to `burst` at once. */
export interface RateLimit {
  rate: number;
  burst: number;
}

/** Limits that keep the service up under overload and hostile input (see docs/limits.md). */
export interface ReliabilityConfig {
  /** Moderation/embedding requests being handled at once; beyond it 503 `overloaded` before the body is read. */
  maxInFlight: number;
  /** Per-request budget for embedding all sampled frames (ms). */
  deadlineMs: number;
  /** Per API-key name; `*` is the default for keys not listed. */
  failureModes: Record<string, FailureMode>;
  /** Per API-key name; `*` applies to keys not listed; null means unlimited. */
  rateLimits: Record<string, RateLimit | null>;
}

/** FAILURE_MODES="*=error,partner=open,kids-app=block" */
function failureModes(raw: string[]): Record<string, FailureMode> {
  const out: Record<string, FailureMode> = { '*': 'error' };
  for (const entry of raw) {
    const [name, mode] = entry.split('=').map((s) => s?.trim());
    if (!name || !(FAILURE_MODES as readonly string[]).includes(mode ?? '')) {
      throw new ConfigError(`FAILURE_MODES entry "${entry}" must be keyname=${FAILURE_MODES.join('|')} (or *=mode for the default)`);
    }
    out[name] = mode as FailureMode;
  }
  return out;
}

/** RATE_LIMITS="*=20:40,batch=200:400,internal=off": requests per second[:burst]; burst defaults to 2x rate. */
function rateLimits(raw: string[]): Record<string, RateLimit | null> {
  const out: Record<string, RateLimit | null> = { '*': null };
  for (const entry of raw) {
    const [name, spec] = entry.split('=').map((s) => s?.trim());
    if (!name || !spec) throw new ConfigError(`RATE_LIMITS entry "${entry}" must be keyname=rate[:burst] or keyname=off`);
    if (spec === 'off') {
      out[name] = null;
      continue;
    }
    const [rate, burst] = spec.split(':').map(Number);
    const b = burst ?? Math.max(1, Math.ceil(rate * 2));
    if (!Number.isFinite(rate) || rate <= 0 || rate > 1e6 || !Number.isInteger(b) || b < 1 || b > 1e7) {
      throw new ConfigError(`RATE_LIMITS entry "${entry}": rate must be > 0 requests/second and burst a positive integer`);
    }
    out[name] = { rate, burst: b };
  }
  return out;
}

export function reliabilityConfig(env: Env): ReliabilityConfig {
  return {
    maxInFlight: int(env, 'HTTP_MAX_IN_FLIGHT', 64, 1, 100000),
    deadlineMs: int(env, 'MODERATION_DEADLINE_MS', 15000, 1, 600000),
    failureModes: failureModes(list(env, 'FAILURE_MODES', [])),
    rateLimits: rateLimits(list(env, 'RATE_LIMITS', [])),
  };
}

export function failureModeFor(cfg: ReliabilityConfig, key: string): FailureMode {
  return cfg.failureModes[key] ?? cfg.failureModes['*'] ?? 'error';
}

export function rateLimitFor(cfg: ReliabilityConfig, key: string): RateLimit | null {
  return key in cfg.rateLimits ? cfg.rateLimits[key] : (cfg.rateLimits['*'] ?? null);
}
