import type { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { AdmissionControl } from './admission';
import { AppError } from './app-error';
import { uploadPool } from './body-pool';
import { fromForeign, sendError } from './error.filter';
import { rawImageBody } from './raw-body';
import { requestId } from './request-id.middleware';

/** Runs a body parser and turns its failures (too large, bad JSON) into our error shape. */
function guarded(parser: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) =>
    parser(req, res, (err?: unknown) => {
      if (!err) return next();
      sendError(req, res, err instanceof AppError ? err : (fromForeign(err) ?? new AppError('bad_request', 'malformed request body')));
    });
}

/**
 * HTTP plumbing shared by main.ts and the e2e tests, so tests exercise exactly what production runs:
 * request ids, admission control (before the body is read), and body parsers sized from the media
 * byte limit (base64 JSON is 4/3 larger), with raw uploads in reused memory (body-pool.ts).
 * Signals are main.ts's business (graceful shutdown): Nest's shutdown hooks would close the app
 * under requests still in flight.
 */
export function configureHttp(app: INestApplication, media: { maxBytes: number; uploadPoolBytes: number }): void {
  const { maxBytes } = media;
  uploadPool.maxIdleBytes = media.uploadPoolBytes;
  app.use(requestId);
  app.use(app.get(AdmissionControl).middleware);
  app.use(guarded(express.json({ limit: Math.ceil((maxBytes * 4) / 3) + 64 * 1024 })));
  app.use(guarded(rawImageBody(maxBytes)));
  // Express's automatic ETag is a SHA-1 of every JSON answer on the HTTP thread; our answers are
  // decisions and pages that clients do not revalidate.
  (app.getHttpAdapter().getInstance() as express.Express).set('etag', false);
}
