import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import type { Caller } from './api-keys';
import { AppError } from './app-error';

/** Routes that read an image and run the model: the ones admission control bounds. */
const HEAVY = /^\/v1\/(moderations|embeddings)(\/|\?|$)/;

/** How long a key that asked counts as waiting for its share (clients retry after Retry-After: 1). */
const CONTENDER_WINDOW_MS = 3000;

/**
 * Admission control for image requests, per API key. At most HTTP_MAX_IN_FLIGHT are handled at
 * once; a key gets at most HTTP_MAX_IN_FLIGHT_PER_KEY of them, and while other keys are waiting
 * (they asked within the last few seconds) at most an equal share, so one busy key cannot starve
 * another. Refusals are 503 `overloaded` with Retry-After, before the body is read. It runs after
 * authentication (AdmissionInterceptor): an unauthenticated request never holds a slot.
 * It also knows what is in flight, which is what graceful shutdown waits for; while draining,
 * every response closes its connection.
 */
@Injectable()
export class AdmissionControl {
  private inFlightCount = 0;
  private readonly perKey = new Map<string, number>();
  private readonly lastAsked = new Map<string, number>();
  private draining = false;
  private max: number;
  private readonly perKeyMax: number;
  private idleWaiters: (() => void)[] = [];
  private shedCount = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.max = config.reliability.maxInFlight;
    this.perKeyMax = config.http.maxInFlightPerKey;
  }

  get inFlight(): number {
    return this.inFlightCount;
  }

  /** Image requests refused since start (src/metrics reads it at scrape time). */
  get shed(): number {
    return this.shedCount;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Express middleware: while draining, every response closes its connection. */
  readonly middleware = (_req: Request, res: Response, next: NextFunction): void => {
    if (this.draining) res.setHeader('Connection', 'close');
    next();
  };

  static isHeavy(req: Request): boolean {
    return req.method === 'POST' && HEAVY.test(req.originalUrl ?? req.url);
  }

  /** The share `key` may hold now: the per-key bound, split evenly while other keys wait. */
  private shareOf(key: string, now: number): number {
    let contenders = 1;
    for (const [k, t] of this.lastAsked) {
      if (k === key) continue;
      if ((this.perKey.get(k) ?? 0) > 0 || now - t < CONTENDER_WINDOW_MS) contenders++;
      else this.lastAsked.delete(k);
    }
    const cap = Math.min(this.perKeyMax, this.max);
    return Math.max(1, Math.min(cap, Math.ceil(this.max / contenders)));
  }

  /** Takes a slot for `key` until `res` finishes or closes; throws 503 `overloaded` when none is free. */
  admit(key: string, res: Response): void {
    const now = performance.now();
    const held = this.perKey.get(key) ?? 0;
    const share = this.shareOf(key, now);
    this.lastAsked.set(key, now);
    if (this.inFlightCount >= this.max || held >= share) {
      this.shedCount++;
      // Node discards the unread body; closing the connection instead could reset it before the
      // client has read this answer.
      const limit = this.inFlightCount >= this.max ? this.max : share;
      throw new AppError('overloaded', `the service is handling ${this.inFlightCount} image requests (${held} for this key, its share is ${share}); retry shortly`, { limit }, 1);
    }
    this.inFlightCount++;
    this.perKey.set(key, held + 1);
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      this.inFlightCount--;
      const left = (this.perKey.get(key) ?? 1) - 1;
      if (left > 0) this.perKey.set(key, left);
      else this.perKey.delete(key);
      if (this.inFlightCount === 0) for (const w of this.idleWaiters.splice(0)) w();
    };
    res.once('finish', release);
    res.once('close', release);
  }

  /** Graceful shutdown: responses from now on close their connections. */
  drain(): void {
    this.draining = true;
  }

  /** Resolves when no image request is in flight. */
  idle(): Promise<void> {
    if (this.inFlightCount === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}

/**
 * Admission after authentication and rate limits, before the body is read (the body interceptor
 * runs after this one: see ReliabilityModule's provider order).
 */
@Injectable()
export class AdmissionInterceptor implements NestInterceptor {
  constructor(private readonly admission: AdmissionControl) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request & { caller?: Caller }>();
    if (AdmissionControl.isHeavy(req)) this.admission.admit(req.caller?.name ?? 'anonymous', ctx.switchToHttp().getResponse<Response>());
    return next.handle();
  }
}
