import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { from, mergeMap, Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { rateLimitFor, ReliabilityConfig } from '../config/reliability';
import { SharedRateLimits } from '../storage/shared-rate-limits';
import { Storage } from '../storage/storage';
import { AppError } from './app-error';
import type { Caller } from './api-keys';
import { LocalRateLimitStore, RateLimitStore, RateLimitTake } from './rate-limit-store';

/**
 * The buckets in the PostgreSQL table every instance shares. When the database cannot answer, the
 * request goes through (logged at most once a minute): the limiter protects capacity, and refusing
 * everything because of a database blip would turn a limit into an outage.
 */
class SharedRateLimitStore implements RateLimitStore {
  private readonly log = new Logger('RateLimit');
  private lastWarn = -Infinity;

  constructor(private readonly shared: SharedRateLimits) {}

  async take(key: string, limit: { rate: number; burst: number }): Promise<RateLimitTake> {
    try {
      const { granted, tokens } = await this.shared.take(key, limit.rate, limit.burst);
      return { waitS: granted ? 0 : (1 - tokens) / limit.rate, remaining: Math.max(0, Math.floor(tokens)) };
    } catch (e) {
      if (performance.now() - this.lastWarn > 60_000) {
        this.lastWarn = performance.now();
        this.log.warn(`shared rate-limit buckets unavailable, requests pass unlimited meanwhile: ${(e as Error).message}`);
      }
      return { waitS: 0, remaining: limit.burst };
    }
  }
}

/**
 * Per-API-key rate limits (RATE_LIMITS), one token bucket per key name: in this process on SQLite
 * (one instance), in the database on PostgreSQL so that N instances together give a key its limit,
 * not N times it. An interceptor rather than a guard so it runs after authentication (guards' order
 * across modules is not ours to fix) and only for authenticated routes: public ones (health,
 * metrics) have no caller and are not limited.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  private readonly cfg: ReliabilityConfig;
  private readonly store: RateLimitStore;

  constructor(@Inject(APP_CONFIG) config: AppConfig, storage: Storage) {
    this.cfg = config.reliability;
    this.store = storage.dialect === 'postgres' ? new SharedRateLimitStore(new SharedRateLimits(storage)) : new LocalRateLimitStore();
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const name = ctx.switchToHttp().getRequest<{ caller?: Caller }>().caller?.name;
    const limit = name === undefined ? null : rateLimitFor(this.cfg, name);
    if (name === undefined || !limit) return next.handle();
    return from(this.store.take(name, limit)).pipe(
      mergeMap(({ waitS, remaining }) => {
        const res = ctx.switchToHttp().getResponse<Response>();
        res.setHeader('RateLimit-Policy', `${limit.burst};w=${Math.ceil(limit.burst / limit.rate)}`);
        res.setHeader('RateLimit-Remaining', String(remaining));
        if (waitS > 0) {
          throw new AppError('rate_limited', `API key "${name}" is over its rate limit of ${limit.rate}/s (burst ${limit.burst})`, { rate: limit.rate, burst: limit.burst }, Math.ceil(waitS));
        }
        return next.handle();
      }),
    );
  }
}
