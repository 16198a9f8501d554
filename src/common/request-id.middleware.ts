import { randomUUID } from 'crypto';
import type { NextFunction, Request, Response } from 'express';
import { inRequestScope } from './request-scope';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Accepts a caller's X-Request-Id when it is safe to echo into logs; otherwise makes one. The rest of
 * the request runs in its scope (src/common/request-scope.ts).
 */
export function requestId(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  req.id = given && SAFE_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  inRequestScope(req.id, next);
}
