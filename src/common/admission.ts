import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge } from 'prom-client';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { MetricsService } from '../metrics/metrics.service';
import { AppError } from './app-error';
import { sendError } from './error.filter';

/** Routes that read an image and run the model: the ones admission control bounds. */
const HEAVY = /^\/v1\/(moderations|embeddings)(\/|\?|$)/;

/**
 * Admission control in front of the body parsers. At most HTTP_MAX_IN_FLIGHT image requests are
 * handled at once; the next one gets 503 `overloaded` with Retry-After before its body is read,
 * so overload costs neither memory (bodies up to MEDIA_MAX_BYTES) nor CPU. The model's own bounded
 * queue (CLIP_MAX_QUEUE) is the second line. It also knows what is in flight, which is what graceful
 * shutdown waits for; while draining, every response closes its connection.
 */
@Injectable()
export class AdmissionControl {
  private inFlightCount = 0;
  private draining = false;
  private readonly max: number;
  private idleWaiters: (() => void)[] = [];
  private readonly rejected: Counter;

  constructor(@Inject(APP_CONFIG) config: AppConfig, metrics: MetricsService) {
    this.max = config.reliability.maxInFlight;
    const gauge: Gauge = new Gauge({
      name: 'http_requests_in_flight',
      help: 'Image requests (moderations, embeddings) being handled',
      registers: [metrics.registry],
      collect: () => gauge.set(this.inFlightCount),
    });
    this.rejected = new Counter({ name: 'http_requests_shed_total', help: 'Image requests refused with 503 by admission control', registers: [metrics.registry] });
  }

  get inFlight(): number {
    return this.inFlightCount;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Express middleware; register before the body parsers. */
  readonly middleware = (req: Request & { id?: string }, res: Response, next: NextFunction): void => {
    if (this.draining) res.setHeader('Connection', 'close');
    if (req.method !== 'POST' || !HEAVY.test(req.originalUrl ?? req.url)) return next();
    if (this.inFlightCount >= this.max) {
      this.rejected.inc();
      // Node discards the unread body; closing the connection instead could reset it before the
      // client has read this answer.
      return sendError(req, res, new AppError('overloaded', `the service is handling ${this.max} image requests; retry shortly`, { limit: this.max }, 1));
    }
    this.inFlightCount++;
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      this.inFlightCount--;
      if (this.inFlightCount === 0) for (const w of this.idleWaiters.splice(0)) w();
    };
    res.once('finish', release);
    res.once('close', release);
    next();
  };

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
