import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, ErrorBody, ErrorCode } from './app-error';

/** Maps errors from express middleware (body-parser, multer) and Nest to our stable codes. */
export function fromForeign(err: unknown): AppError | null {
  const e = err as { type?: string; code?: string; status?: number; statusCode?: number; message?: string; field?: string };
  if (e?.type === 'entity.too.large' || e?.code === 'LIMIT_FILE_SIZE') {
    return new AppError('payload_too_large', 'request body exceeds the configured byte limit');
  }
  if (e?.type === 'entity.parse.failed') return new AppError('invalid_json', 'request body is not valid JSON');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AppError('unsupported_media_type', e.message ?? 'unsupported encoding');
  }
  if (typeof e?.code === 'string' && e.code.startsWith('LIMIT_')) {
    return new AppError('bad_request', `multipart limit exceeded: ${e.code.toLowerCase()}`, { field: e.field });
  }
  if (e?.message === 'Unexpected end of form' || e?.message === 'Multipart: Boundary not found' || e?.message === 'Malformed part header') {
    return new AppError('bad_request', `malformed multipart body: ${e.message}`);
  }
  return null;
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'image_undecodable',
  429: 'rate_limited',
  503: 'overloaded',
};

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    let err: AppError;
    if (exception instanceof AppError) err = exception;
    else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const cause = (exception as { cause?: unknown }).cause;
      const mapped = fromForeign(cause) ?? fromForeign(exception);
      err = mapped ?? new AppError(STATUS_CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request'), exception.message);
    } else {
      err = fromForeign(exception) ?? new AppError('internal_error', 'internal error');
      if (err.code === 'internal_error') this.log.error(`request ${req?.id}: ${(exception as Error)?.stack ?? String(exception)}`);
    }
    const body: ErrorBody = { code: err.code, message: err.message, requestId: req?.id ?? 'unknown' };
    if (err.details) body.details = err.details;
    if (err.retryAfter !== undefined) res.setHeader('Retry-After', String(err.retryAfter));
    if (res.headersSent) return;
    res.status(err.status).json(body);
  }
}

/** Writes an error in the common shape; used by middleware that runs outside Nest's filters. */
export function sendError(req: Request, res: Response, err: AppError): void {
  // req.id: set by requestId() (src/common/request-id.middleware.ts); pino-http types it more widely.
  const body: ErrorBody = { code: err.code, message: err.message, requestId: typeof req.id === 'string' ? req.id : 'unknown' };
  if (err.details) body.details = err.details;
  if (err.retryAfter !== undefined) res.setHeader('Retry-After', String(err.retryAfter));
  if (!res.headersSent) res.status(err.status).json(body);
}
