import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { INTERCEPTORS_METADATA, SELF_DECLARED_DEPS_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { MULTER_MODULE_OPTIONS } from '@nestjs/platform-express/multer/files.constants';
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

/** The methods whose body means something; a body sent with GET, HEAD, DELETE or OPTIONS is left unread, as before. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Reads request bodies after authentication, role checks, rate limits and admission (Nest runs
 * guards, then the global interceptors in their registration order: ReliabilityModule), so a caller
 * without a valid key never gets a byte of its body parsed. There are no global body parsers
 * (src/http-setup.ts): the limit is the route's, declared with @AcceptsBody.
 *
 * Every route reads JSON; a JSON body must be an object (400 `bad_request` otherwise: `null`, `42`,
 * `"x"` and `[]` are valid JSON that no route takes; text that is not JSON is 400 `invalid_json`).
 * A non-empty POST, PUT or PATCH body that no parser of the route read (a Content-Type it does not
 * take, or none) is refused with 415 `unsupported_media_type`, instead of reaching the handler as an
 * empty body; a multipart body is left to the route's Multer interceptor where it has one.
 */
@Injectable()
export class BodyInterceptor implements NestInterceptor {
  private readonly small: Parsers;
  private readonly image: Parsers;
  private readonly text = new Map<string, Parsers>();
  private readonly multipart = new WeakMap<object, boolean>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.small = [jsonObject(config.http.jsonMaxBytes)];
    const maxBytes = config.media.maxBytes;
    this.image = [jsonObject(Math.ceil((maxBytes * 4) / 3) + 64 * 1024), rawImageBody(maxBytes)];
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = ctx.switchToHttp();
    const req = http.getRequest<Request>();
    if ((req as { _body?: boolean })._body || !hasBody(req)) return next.handle();
    const spec = this.reflector.getAllAndOverride<BodySpec | undefined>(BODY_KEY, [ctx.getHandler(), ctx.getClass()]);
    return from(this.read(ctx, spec, req, http.getResponse<Response>())).pipe(switchMap(() => next.handle()));
  }

  /** Runs the route's parsers; a body none of them read is the route's Multer's, an empty one, or 415. */
  private async read(ctx: ExecutionContext, spec: BodySpec | undefined, req: Request, res: Response): Promise<void> {
    await run(this.parsersFor(spec), req, res);
    if (req.readableEnded || (req as { _body?: boolean })._body || !BODY_METHODS.has(req.method)) return;
    const multipart = this.takesMultipart(ctx);
    if (multipart && req.is('multipart')) return;
    if (!(await hasBytes(req))) return;
    req.resume(); // drain what is left, so the connection stays usable
    const type = req.headers['content-type'] ?? null;
    const accepted = ['application/json', ...(spec?.image ? ['image/*', 'application/octet-stream'] : []), ...(spec?.text ?? []), ...(multipart ? ['multipart/form-data'] : [])];
    throw new AppError('unsupported_media_type', `unsupported Content-Type "${type ?? '(none)'}": this route reads ${accepted.join(', ')}`, { content_type: type, accepted });
  }

  /** Whether the route (or its controller) has a Multer interceptor (FileInterceptor and the like, which inject Multer's options). */
  private takesMultipart(ctx: ExecutionContext): boolean {
    const handler = ctx.getHandler();
    let takes = this.multipart.get(handler);
    if (takes === undefined) {
      const interceptors = [...((Reflect.getMetadata(INTERCEPTORS_METADATA, ctx.getClass()) as unknown[]) ?? []), ...((Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[]) ?? [])];
      takes = interceptors.some((i) => typeof i === 'function' && ((Reflect.getMetadata(SELF_DECLARED_DEPS_METADATA, i) as { param?: unknown }[] | undefined) ?? []).some((d) => d.param === MULTER_MODULE_OPTIONS));
      this.multipart.set(handler, takes);
    }
    return takes;
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

/**
 * JSON bodies (application/json) of at most `limit` bytes, checked for shape before they are built
 * (JSON_SHAPE), that must parse to an object. Any JSON value is parsed (not body-parser's strict
 * mode, which calls `null` or `42` invalid JSON), so that valid JSON that is not an object gets one
 * answer on every route: 400 bad_request.
 */
function jsonObject(limit: number): RequestHandler {
  const verify = (_req: unknown, _res: unknown, buf: Buffer) => checkJsonShape(buf, JSON_SHAPE);
  const parse = express.json({ limit, verify, strict: false });
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      if (err || !req.readableEnded || !req.is('application/json')) return next(err);
      const body: unknown = req.body;
      if (body !== null && typeof body === 'object' && !Array.isArray(body)) return next();
      const got = body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`;
      next(new AppError('bad_request', `the JSON body must be an object, not ${got}`));
    });
}

/**
 * Whether a body nobody read has bytes: Content-Length says so; a chunked body is empty when it ends
 * before its first byte (its first chunk is then consumed: the request is refused or had nothing).
 */
function hasBytes(req: Request): Promise<boolean> {
  const declared = req.headers['content-length'];
  if (declared !== undefined) return Promise.resolve(Number(declared) > 0);
  return new Promise<boolean>((resolve, reject) => {
    const settle = (fn: () => void) => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('aborted', onAborted);
      req.removeListener('error', onAborted);
      fn();
    };
    const onData = (chunk: Buffer) => {
      if (chunk.length) settle(() => resolve(true));
    };
    const onEnd = () => settle(() => resolve(false));
    const onAborted = () => settle(() => reject(new AppError('bad_request', 'the client aborted the upload')));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', onAborted);
  });
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
