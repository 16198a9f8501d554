import type { IncomingMessage, ServerResponse } from 'http';
import type { Logger } from 'pino';
import type { Options } from 'pino-http';

/** What the access line reads from a request after it has been handled. */
type HandledRequest = IncomingMessage & {
  id?: string;
  originalUrl?: string;
  baseUrl?: string;
  route?: { path?: string };
  caller?: { name: string };
};
type HandledResponse = ServerResponse & { locals?: { decision?: string } };

/** Probes and scrapes answered well: logged at debug, so a 10 s probe does not fill the log. */
const QUIET = /^\/(health\/(live|ready)|metrics)$/;

function routeOf(req: HandledRequest): string | null {
  return req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : null;
}

/** The path without its query string: queries can carry caller data we do not want in logs. */
function pathOf(req: HandledRequest): string {
  const url = req.originalUrl ?? req.url ?? '';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/**
 * One access line per request, when the response has finished (or the client went away):
 * method, route pattern, path, status, duration, the API key's name (never the key) and the
 * moderation decision where the route made one. The request id is bound by pino-http.
 */
export function accessFields(req: HandledRequest, res: HandledResponse, durationMs: number): Record<string, unknown> {
  return {
    method: req.method,
    route: routeOf(req),
    path: pathOf(req),
    status: res.statusCode,
    duration_ms: durationMs,
    ...(req.caller ? { key_name: req.caller.name } : {}),
    ...(res.locals?.decision ? { decision: res.locals.decision } : {}),
    ...(res.writableFinished ? {} : { aborted: true }),
  };
}

/** pino-http options: reuse the X-Request-Id of src/common/request-id.middleware.ts, bind it as request_id. */
export function httpLoggerOptions(logger: Logger): Options {
  return {
    logger,
    // requestId() ran first (app.use before module middleware) and set req.id: one id per request.
    genReqId: (req) => (req as HandledRequest).id ?? 'unknown',
    customAttributeKeys: { reqId: 'request_id', responseTime: 'duration_ms' },
    // Logs made while handling a request carry request_id only, not the whole request.
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (req, res) => {
      if (res.statusCode >= 500) return 'warn';
      return res.statusCode < 400 && QUIET.test(pathOf(req as HandledRequest)) ? 'debug' : 'info';
    },
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req as HandledRequest)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req as HandledRequest)} ${res.statusCode}`,
    customSuccessObject: (req, res, val: { duration_ms: number }) => accessFields(req as HandledRequest, res as HandledResponse, val.duration_ms),
    customErrorObject: (req, res, _err, val: { duration_ms: number }) => accessFields(req as HandledRequest, res as HandledResponse, val.duration_ms),
  };
}
