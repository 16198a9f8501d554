import { CanActivate, ExecutionContext, Inject, Injectable, Logger, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'crypto';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { AppError } from './app-error';

export const ROLES_KEY = 'roles';
/** Roles: ingest (submit images), moderator (reviews, search, audit read), policy-admin (policies), admin (everything). */
export const Roles = (...roles: string[]) => SetMetadata(ROLES_KEY, roles);
export const PUBLIC_KEY = 'public';
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export interface Caller {
  name: string;
  roles: string[];
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * API-key authentication (Authorization: Bearer <key> or X-API-Key). Keys are compared as SHA-256
 * digests in constant time and never logged. With no keys configured the service runs open, for
 * local use, and says so loudly at start-up.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly keys: { name: string; digest: Buffer; roles: string[] }[];

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.keys = config.auth.keys.map((k) => ({ name: k.name, digest: digest(k.key), roles: k.roles }));
    if (this.keys.length === 0) {
      new Logger('Auth').warn('API_KEYS is empty: authentication is OFF (every caller is an anonymous admin)');
    }
  }

  canActivate(ctx: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (isPublic) return true;
    const req = ctx.switchToHttp().getRequest<{ header(n: string): string | undefined; caller?: Caller }>();
    const required = this.reflector.getAllAndOverride<string[]>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]) ?? [];
    if (this.keys.length === 0) {
      req.caller = { name: 'anonymous', roles: ['admin'] };
      return true;
    }
    const auth = req.header('authorization');
    const presented = auth?.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : req.header('x-api-key');
    if (!presented) throw new AppError('unauthorized', 'missing API key (Authorization: Bearer <key> or X-API-Key)');
    const d = digest(presented);
    const match = this.keys.find((k) => timingSafeEqual(k.digest, d));
    if (!match) throw new AppError('unauthorized', 'invalid API key');
    req.caller = { name: match.name, roles: match.roles };
    if (required.length && !match.roles.includes('admin') && !required.some((r) => match.roles.includes(r))) {
      throw new AppError('forbidden', `this API key lacks the role: ${required.join(' or ')}`);
    }
    return true;
  }
}
