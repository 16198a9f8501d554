import { createHash } from 'crypto';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from './app-error';
import { rememberSha256 } from './body-digest';
import { uploadPool } from './body-pool';

/**
 * Reads raw image bodies (image/*, application/octet-stream) into one Buffer.
 *
 * Written here rather than using express.raw for speed on the HTTP thread: body-parser collects the
 * chunks and joins them with one Buffer.concat at the end, a single copy of the whole body (tens of
 * milliseconds for a 12-megapixel JPEG, page faults included) that blocks every other request. With
 * a Content-Length we take the body's memory once (from src/common/body-pool.ts) and copy each
 * chunk as it arrives, so the same work is spread over the upload, as is the SHA-256 every
 * moderation reports (body-digest.ts). Without one (chunked uploads) chunks are joined at the end,
 * as before; compressed bodies (Content-Encoding) go to express.raw, which inflates them.
 */
export function rawImageBody(limit: number): RequestHandler {
  const types = ['image/*', 'application/octet-stream'];
  const inflating = express.raw({ type: types, limit });
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req as { _body?: boolean })._body || !req.is(types)) return next();
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity') return inflating(req, res, next);
    const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
    if (declared !== null && declared > limit) return fail(req, next, tooLarge(limit));

    let body: Buffer | null = declared !== null ? uploadPool.acquire(declared) : null;
    const chunks: Buffer[] = [];
    const hash = createHash('sha256');
    let received = 0;
    let done = false;
    const finish = (err?: AppError) => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('aborted', onAborted);
      req.removeListener('error', onAborted);
      if (err) {
        if (body) uploadPool.release(body);
        return fail(req, next, err);
      }
      if (!body) body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
      rememberSha256(body, hash.digest('hex'));
      (req as { _body?: boolean })._body = true;
      req.body = body;
      next();
    };
    const onData = (chunk: Buffer) => {
      if (done) return;
      if (received + chunk.length > (declared ?? limit)) {
        // Node's parser stops at Content-Length, so only a chunked body can get here.
        chunks.length = 0;
        return finish(tooLarge(limit));
      }
      hash.update(chunk);
      if (body) chunk.copy(body, received);
      else chunks.push(chunk);
      received += chunk.length;
    };
    const onEnd = () => {
      if (declared !== null && received !== declared) return finish(new AppError('bad_request', `request body ended after ${received} of ${declared} bytes`));
      finish();
    };
    const onAborted = () => finish(new AppError('bad_request', 'the client aborted the upload'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', onAborted);
  };
}

function tooLarge(limit: number): AppError {
  return new AppError('payload_too_large', 'request body exceeds the configured byte limit', { limit });
}

/** Answers the error; the rest of the body is drained so the connection stays usable. */
function fail(req: Request, next: NextFunction, err: AppError): void {
  req.resume();
  next(err);
}
