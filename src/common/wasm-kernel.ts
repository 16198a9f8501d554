/** The slice of the WebAssembly JS API our hand-written kernels use (the project's TS libs do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/**
 * A loader for one base64-encoded kernel: compiled once, on first use; each call of the returned
 * function gives a fresh instance (own memory), or null where WebAssembly (SIMD) is unavailable.
 */
export function wasmKernel<T>(base64: string): () => T | null {
  let compiled: object | null | undefined;
  return () => {
    if (compiled === undefined) {
      try {
        compiled = wasm ? new wasm.Module(Buffer.from(base64, 'base64')) : null;
      } catch {
        compiled = null;
      }
    }
    if (!compiled || !wasm) return null;
    return new wasm.Instance(compiled, {}).exports as unknown as T;
  };
}
