import type { components, paths } from '../../src/generated/openapi';

/**
 * The typed client side of the contract: answers typed from the generated OpenAPI types
 * (src/generated/openapi.ts), so a test that reads a field the document no longer has stops
 * compiling (`npm run typecheck`, run by CI) instead of passing on `any`.
 */
export type Schemas = components['schemas'];

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type OperationOf<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type ResponsesOf<P extends keyof paths, M extends Method> = OperationOf<P, M> extends { responses: infer R } ? R : never;

/** The JSON body the document declares for one status of one operation. */
export type JsonBody<P extends keyof paths, M extends Method, S extends keyof ResponsesOf<P, M>> =
  ResponsesOf<P, M>[S] extends { content: { 'application/json': infer B } } ? B : never;

/**
 * Asserts the status and returns the body typed as the document declares it. The shape itself is
 * checked against the document for every answer (test/support/contract-setup.ts).
 */
export function answer<P extends keyof paths, M extends Method, S extends keyof ResponsesOf<P, M> & number>(
  res: { status: number; body: unknown; text?: string },
  path: P,
  method: M,
  status: S,
): JsonBody<P, M, S> {
  if (res.status !== status) {
    throw new Error(`${method.toUpperCase()} ${String(path)}: expected ${status}, got ${res.status}: ${res.text ?? JSON.stringify(res.body)}`);
  }
  return res.body as JsonBody<P, M, S>;
}
