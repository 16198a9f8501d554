import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { rateLimitFor, ReliabilityConfig } from '../config/reliability';
import { AppError } from './app-error';
import type { Caller } from './api-keys';
import { TokenBucket } from './token-bucket';

/**
 * Per-API-key rate limits (RATE_LIMITS), one token bucket per key name. An interceptor rather than
 * a guard so it runs after authentication (guards' order across modules is not ours to fix) and
 * only for authenticated routes: public ones (health, metrics) have no caller and are not limited.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  private readonly cfg: ReliabilityConfig;
  private readonly buckets = new Map<string, TokenBucket | null>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.cfg = config.reliability;
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<{ caller?: Caller }>();
    const name = req.caller?.name;
    if (name !== undefined) {
      const bucket = this.bucket(name);
      if (bucket) {
        const wait = bucket.take(performance.now());
        const res = ctx.switchToHttp().getResponse<Response>();
        res.setHeader('RateLimit-Policy', `${bucket.burst};w=${Math.ceil(bucket.burst / bucket.rate)}`);
        res.setHeader('RateLimit-Remaining', String(bucket.remaining));
        if (wait > 0) {
          throw new AppError('rate_limited', `API key "${name}" is over its rate limit of ${bucket.rate}/s (burst ${bucket.burst})`, { rate: bucket.rate, burst: bucket.burst }, Math.ceil(wait));
        }
      }
    }
    return next.handle();
  }

  private bucket(name: string): TokenBucket | null {
    let b = this.buckets.get(name);
    if (b === undefined) {
      const limit = rateLimitFor(this.cfg, name);
      b = limit ? new TokenBucket(limit.rate, limit.burst, performance.now()) : null;
      this.buckets.set(name, b);
    }
    return b;
  }
}
