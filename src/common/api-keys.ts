import { Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'crypto';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { AppError } from './app-error';

export interface Caller {
  name: string;
  roles: string[];
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The configured API keys and the one way a request proves it holds one (Authorization: Bearer <key>
 * or X-API-Key). Keys are compared as SHA-256 digests in constant time, every key every time, and
 * never logged. With no keys configured the service runs open (loopback only unless told otherwise).
 */
@Injectable()
export class ApiKeys {
  private readonly keys: { name: string; digest: Buffer; roles: string[] }[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.keys = config.auth.keys.map((k) => ({ name: k.name, digest: digest(k.key), roles: k.roles }));
  }

  get open(): boolean {
    return this.keys.length === 0;
  }

  /** The caller a request's headers identify; throws 401 `unauthorized` when they identify none. */
  authenticate(header: (name: string) => string | undefined): Caller {
    if (this.open) return { name: 'anonymous', roles: ['admin'] };
    const auth = header('authorization');
    const presented = auth?.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : header('x-api-key');
    if (!presented) throw new AppError('unauthorized', 'missing API key (Authorization: Bearer <key> or X-API-Key)');
    const d = digest(presented);
    let match: (typeof this.keys)[number] | undefined;
    for (const k of this.keys) if (timingSafeEqual(k.digest, d) && !match) match = k;
    if (!match) throw new AppError('unauthorized', 'invalid API key');
    return { name: match.name, roles: match.roles };
  }
}

/** Whether a caller may use a route that needs one of `required` (admin may use every route). */
export function hasRole(caller: Caller, required: string[]): boolean {
  return !required.length || caller.roles.includes('admin') || required.some((r) => caller.roles.includes(r));
}
