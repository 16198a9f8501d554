import { PinoLogger } from 'nestjs-pino';
import { storage, Store } from 'nestjs-pino/storage';

/**
 * Runs `fn` with the request id bound to every log line it makes, as if it were handling that
 * request: a job run by a worker logs the id of the request that submitted it. A no-op where no
 * HTTP logger is set up (CLIs, which keep their own logger).
 */
export function withRequestId<T>(requestId: string | null | undefined, fn: () => Promise<T>): Promise<T> {
  const root = PinoLogger.root as PinoLogger['logger'] | undefined;
  if (!requestId || !root) return fn();
  return storage.run(new Store(root.child({ request_id: requestId })), fn);
}
