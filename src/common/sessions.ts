import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { Clock } from '../storage/clock';
import type { Caller } from './api-keys';
import { AppError } from './app-error';

export const SESSION_COOKIE = 'clipguard_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface Session {
  caller: Caller;
  /** Sent back by the dashboard in X-CSRF-Token on every state-changing call. */
  csrfToken: string;
  expiresAt: number;
}

const digest = (s: string) => createHash('sha256').update(s).digest('hex');
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** The value of one cookie in a Cookie header (no cookie-parser: this is the only cookie we read). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Dashboard sessions, in memory per instance (docs/dashboard.md: behind a load balancer, use sticky
 * sessions or sign in per instance). A session is an opaque 256-bit random id handed out in an
 * HttpOnly SameSite=Strict cookie; the map is keyed by its SHA-256 so the ids themselves are not kept.
 * A session carries the caller (name and roles) of the API key that opened it, and ends at its
 * expiry (UI_SESSION_TTL_SECONDS after sign-in) or at sign-out.
 */
@Injectable()
export class Sessions {
  private readonly live = new Map<string, Session>();
  private readonly ttlMs: number;
  private readonly max: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.ttlMs = config.ui.sessionTtlSeconds * 1000;
    this.max = config.ui.maxSessions;
  }

  get ttlSeconds(): number {
    return this.ttlMs / 1000;
  }

  open(caller: Caller): { id: string; session: Session } {
    this.sweep();
    // Insertion order is opening order: beyond the cap the oldest session goes.
    while (this.live.size >= this.max) this.live.delete(this.live.keys().next().value as string);
    const id = randomBytes(32).toString('base64url');
    const session = { caller, csrfToken: randomBytes(24).toString('base64url'), expiresAt: this.clock.now() + this.ttlMs };
    this.live.set(digest(id), session);
    return { id, session };
  }

  find(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const key = digest(id);
    const s = this.live.get(key);
    if (s && s.expiresAt <= this.clock.now()) {
      this.live.delete(key);
      return undefined;
    }
    return s;
  }

  close(id: string | undefined): void {
    if (id) this.live.delete(digest(id));
  }

  /**
   * The caller a request's session cookie identifies, or undefined when it carries none (the API key
   * headers then decide). An API key header wins over a cookie. A cookie that names no live session
   * is a 401; a state-changing method without the session's CSRF token is a 403.
   */
  authenticate(req: { method: string; header(name: string): string | undefined }): Caller | undefined {
    if (req.header('authorization') || req.header('x-api-key')) return undefined;
    const id = cookieValue(req.header('cookie'), SESSION_COOKIE);
    if (id === undefined) return undefined;
    const s = this.find(id);
    if (!s) throw new AppError('unauthorized', 'the dashboard session has expired or was signed out; sign in again');
    if (!SAFE_METHODS.includes(req.method.toUpperCase())) {
      const token = Buffer.from(req.header(CSRF_HEADER) ?? '');
      const expected = Buffer.from(s.csrfToken);
      if (token.length !== expected.length || !timingSafeEqual(token, expected)) {
        throw new AppError('csrf_token_invalid', `a state-changing call made with the session cookie needs the session's ${CSRF_HEADER} header`);
      }
    }
    return s.caller;
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [k, s] of this.live) if (s.expiresAt <= now) this.live.delete(k);
  }
}
