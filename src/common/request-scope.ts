import { AsyncLocalStorage } from 'async_hooks';

const scope = new AsyncLocalStorage<string>();

/**
 * The id of the request on whose behalf code runs (X-Request-Id, or the submitting request's id
 * while a worker runs its job), for the rows written on its behalf: the outbox event, and so every
 * webhook delivery of it, names the request that caused it. Logging binds the same id to log lines
 * (src/logging/request-context.ts). Undefined on timers and sweepers, which act for no request.
 */
export function currentRequestId(): string | undefined {
  return scope.getStore();
}

/** Runs `fn` (and everything it starts) as acting for request `id`. */
export function inRequestScope<T>(id: string, fn: () => T): T {
  return scope.run(id, fn);
}
