import { PinoLogger } from 'nestjs-pino';
import { storage, Store } from 'nestjs-pino/storage';
import { inRequestScope } from '../common/request-scope';

/**
 * Runs `fn` with the request id bound to every log line it makes, as if it were handling that
 * request: a job run by a worker logs the id of the request that submitted it. A no-op where no
 * HTTP logger is set up (CLIs, which keep their own logger). It also runs in that request's scope
 * (src/common/request-scope.ts), so the rows it writes (outbox events) name the request.
 */
export function withRequestId<T>(requestId: string | null | undefined, fn: () => Promise<T>): Promise<T> {
  if (!requestId) return fn();
  const root = PinoLogger.root as PinoLogger['logger'] | undefined;
  const scoped = () => inRequestScope(requestId, fn);
  if (!root) return scoped();
  return storage.run(new Store(root.child({ request_id: requestId })), scoped);
}
