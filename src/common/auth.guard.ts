import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { ApiKeys, Caller, hasRole } from './api-keys';
import { AppError } from './app-error';
import { ApiExtension } from '@nestjs/swagger';
import { ApiRolesDoc, PUBLIC_EXTENSION } from './openapi';
import { Sessions } from './sessions';

export type { Caller };

export const ROLES_KEY = 'roles';
/** Roles: ingest (submit images), moderator (reviews, search, audit read), policy-admin (policies), admin (everything). */
/** Also documents the operation's security requirement and its 401/403 answers (src/common/openapi.ts). */
export const Roles = (...roles: string[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiRolesDoc(roles));
export const PUBLIC_KEY = 'public';
/**
 * A route anyone may call. `surface` names a setting that can put it behind a key instead
 * (`metrics`: METRICS_ACCESS); without one it is always public (health probes).
 */
export const Public = (surface?: 'metrics') =>
  applyDecorators(SetMetadata(PUBLIC_KEY, surface ?? true), ApiExtension(PUBLIC_EXTENSION, surface ?? true));

/**
 * Authentication (an API key, or a dashboard session: src/common/sessions.ts) and role checks. Nest
 * runs guards before interceptors, and bodies are read by an interceptor
 * (src/common/body.interceptor.ts), so no body byte is parsed for a caller refused here.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly metricsPublic: boolean;

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeys,
    private readonly sessions: Sessions,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.metricsPublic = config.http.metrics === 'public';
  }

  canActivate(ctx: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean | 'metrics'>(PUBLIC_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (isPublic === true || (isPublic === 'metrics' && this.metricsPublic)) return true;
    const req = ctx.switchToHttp().getRequest<{ method: string; header(n: string): string | undefined; caller?: Caller }>();
    const required = isPublic ? [] : (this.reflector.getAllAndOverride<string[]>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]) ?? []);
    // The dashboard's session cookie (with its CSRF header on writes) or else an API key header.
    const caller = this.sessions.authenticate(req) ?? this.keys.authenticate((n) => req.header(n));
    req.caller = caller;
    if (!hasRole(caller, required)) throw new AppError('forbidden', `this API key lacks the role: ${required.join(' or ')}`);
    return true;
  }
}
