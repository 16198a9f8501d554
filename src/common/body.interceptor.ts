import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import express, { Request, RequestHandler, Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { AppError } from './app-error';
import { fromForeign } from './error.filter';
import { checkJsonShape } from './json-shape';
import { rawImageBody } from './raw-body';

/** What a route reads besides small JSON (multipart is Multer's, per route, also after the guard). */
export interface BodySpec {
  /** JSON may carry base64 images (MEDIA_MAX_BYTES x 4/3), and raw image/* bodies are read. */
  image?: boolean;
  /** Text bodies of these media types (YAML documents), up to `textLimit` bytes. */
  text?: string[];
  textLimit?: number;
}

export const BODY_KEY = 'body-spec';
/** Declares the bodies a route reads beyond JSON of at most HTTP_JSON_MAX_BYTES. */
export const AcceptsBody = (spec: BodySpec) => SetMetadata(BODY_KEY, spec);

/** Nesting and size a JSON body may have, whatever its byte limit (src/common/json-shape.ts). */
export const JSON_SHAPE = { maxDepth: 64, maxValues: 100_000 };

type Parsers = RequestHandler[];

/**
 * Reads request bodies after authentication, role checks, rate limits and admission (Nest runs
 * guards, then the global interceptors in their registration order: ReliabilityModule), so a caller
 * without a valid key never gets a byte of its body parsed. There are no global body parsers
 * (src/http-setup.ts): the limit is the route's, declared with @AcceptsBody.
 */
@Injectable()
export class BodyInterceptor implements NestInterceptor {
  private readonly small: Parsers;
  private readonly image: Parsers;
  private readonly text = new Map<string, Parsers>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const verify = (_req: unknown, _res: unknown, buf: Buffer) => checkJsonShape(buf, JSON_SHAPE);
    this.small = [express.json({ limit: config.http.jsonMaxBytes, verify })];
    const maxBytes = config.media.maxBytes;
    this.image = [express.json({ limit: Math.ceil((maxBytes * 4) / 3) + 64 * 1024, verify }), rawImageBody(maxBytes)];
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = ctx.switchToHttp();
    const req = http.getRequest<Request>();
    if ((req as { _body?: boolean })._body || !hasBody(req)) return next.handle();
    const spec = this.reflector.getAllAndOverride<BodySpec | undefined>(BODY_KEY, [ctx.getHandler(), ctx.getClass()]);
    const parsers = this.parsersFor(spec);
    return from(run(parsers, req, http.getResponse<Response>())).pipe(switchMap(() => next.handle()));
  }

  private parsersFor(spec?: BodySpec): Parsers {
    if (!spec) return this.small;
    const base = spec.image ? this.image : this.small;
    if (!spec.text?.length) return base;
    const key = `${spec.image ? 'i' : 's'}:${spec.text.join(',')}:${spec.textLimit ?? ''}`;
    let p = this.text.get(key);
    if (!p) this.text.set(key, (p = [...base, express.text({ type: spec.text, limit: spec.textLimit ?? 2 * 1024 * 1024 })]));
    return p;
  }
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

/** Each parser skips bodies that are not its type, or already read; failures become our error shape. */
async function run(parsers: Parsers, req: Request, res: Response): Promise<void> {
  for (const parse of parsers) {
    await new Promise<void>((resolve, reject) =>
      parse(req, res, (err?: unknown) => {
        if (!err) return resolve();
        reject(err instanceof AppError ? err : (fromForeign(err) ?? new AppError('bad_request', 'malformed request body')));
      }),
    );
  }
}
