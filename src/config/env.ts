import { isIP } from 'net';

/**
 * Typed readers over an environment map. Every variable the service reads goes through these,
 * so a bad value stops start-up with a message naming the variable instead of misbehaving later.
 */
export class ConfigError extends Error {}

export type Env = Record<string, string | undefined>;

function present(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

export function str(env: Env, name: string, def: string): string {
  return present(env, name) ?? def;
}

/**
 * The address to listen on: an IP address or `localhost`. A host name is refused here rather than
 * resolved at listen time, where a typo would boot the whole service and then die in getaddrinfo.
 */
export function listenHost(env: Env, name: string, def: string): string {
  const raw = present(env, name);
  if (raw === undefined) return def;
  const bare = raw.replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || isIP(bare)) return bare;
  throw new ConfigError(`${name} must be an IP address to listen on (such as 127.0.0.1, ::1, 0.0.0.0 or ::) or localhost, got "${raw}"`);
}

/** `auto` (any case), or an integer in [min, max]; unset: `def`. */
export function autoOrInt(env: Env, name: string, def: number | 'auto', min: number, max: number): number | 'auto' {
  const raw = present(env, name);
  if (raw === undefined) return def;
  return raw.toLowerCase() === 'auto' ? 'auto' : int(env, name, 0, min, max);
}

export function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = present(env, name);
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer in [${min}, ${max}], got "${raw}"`);
  }
  return n;
}

export function num(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = present(env, name);
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a number in [${min}, ${max}], got "${raw}"`);
  }
  return n;
}

export function bool(env: Env, name: string, def: boolean): boolean {
  const raw = present(env, name)?.toLowerCase();
  if (raw === undefined) return def;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be a boolean (true/false), got "${raw}"`);
}

export function oneOf<T extends string>(env: Env, name: string, def: T, allowed: readonly T[]): T {
  const raw = present(env, name);
  if (raw === undefined) return def;
  if (!allowed.includes(raw as T)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

export function list(env: Env, name: string, def: string[]): string[] {
  const raw = present(env, name);
  if (raw === undefined) return def;
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

/** "#rrggbb" or "r,g,b" -> {r,g,b}. */
export function color(env: Env, name: string, def: { r: number; g: number; b: number }) {
  const raw = present(env, name);
  if (raw === undefined) return def;
  const hex = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(raw);
  if (hex) return { r: parseInt(hex[1], 16), g: parseInt(hex[2], 16), b: parseInt(hex[3], 16) };
  const parts = raw.split(',').map(Number);
  if (parts.length === 3 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255)) {
    return { r: parts[0], g: parts[1], b: parts[2] };
  }
  throw new ConfigError(`${name} must be a colour like #ffffff or 255,255,255, got "${raw}"`);
}
