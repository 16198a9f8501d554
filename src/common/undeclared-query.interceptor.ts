import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { AppError } from './app-error';

/**
 * A /v1 route whose handler declares no query DTO takes no query string. The validation pipe refuses
 * a field a query DTO does not declare, but a handler without one never sees the pipe, so
 * `GET /v1/webhooks?foo=1` would be answered as if `foo` were understood. Refused here instead with the
 * pipe's own answer (400 invalid_parameter, constraint whitelistValidation, every name listed).
 * Routes outside /v1 (health, metrics, the OpenAPI document, the dashboard) keep theirs. Registered
 * before the body interceptor, so a refused request reads no body.
 */
@Injectable()
export class UndeclaredQueryInterceptor implements NestInterceptor {
  /** Per controller class, per handler name: whether it binds @Query(). */
  private readonly declared = new WeakMap<object, Map<string, boolean>>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<Request>();
      const names = Object.keys(req.query ?? {});
      if (names.length && req.path.startsWith('/v1/') && !this.takesQuery(context)) {
        const errors = names.map((field) => ({ field, constraint: 'whitelistValidation', message: `property ${field} should not exist` }));
        throw new AppError('invalid_parameter', `${errors.map((e) => e.message).join('; ')} (this route takes no query parameters)`, { field: names[0], errors });
      }
    }
    return next.handle();
  }

  private takesQuery(context: ExecutionContext): boolean {
    const cls = context.getClass();
    const handler = context.getHandler().name;
    let byHandler = this.declared.get(cls);
    if (!byHandler) this.declared.set(cls, (byHandler = new Map()));
    let takes = byHandler.get(handler);
    if (takes === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, cls, handler) ?? {}) as Record<string, unknown>;
      takes = Object.keys(args).some((key) => Number(key.split(':')[0]) === RouteParamtypes.QUERY);
      byHandler.set(handler, takes);
    }
    return takes;
  }
}
