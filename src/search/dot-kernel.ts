/**
 * The WebAssembly SIMD int8 dot-product kernel of the search index (source: dot-kernel.wat beside this file).
 * Base64 of `wat2wasm dot-kernel.wat` (wabt 1.0.32); regenerate both together.
 */
export const DOT_KERNEL_WASM = 'AGFzbQEAAAABCQFgBX9/f39/AAMCAQAFAwEAAQcTAgZtZW1vcnkCAAZzY29yZXMAAArNAQHKAQIDfwN7AkADQCAFIAFPDQH9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEKIAMhByAAIAJqIQYCQANAIAAgBk8NASAA/QAEACEIIAkgCP2HASAH/QAEAP26Af2uASEJIAogCP2IASAH/QAEEP26Af2uASEKIABBEGohACAHQSBqIQcMAAsLIAkgCv2uASEJIAQgCf0bACAJ/RsBaiAJ/RsCIAn9GwNqajYCACAEQQRqIQQgBUEBaiEFDAALCws=';

/** The slice of the WebAssembly JS API used here (the project's TS libs do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

export interface DotKernel {
  memory: WasmMemory;
  /** out[r] = dot(int8 matrix row r, int16 query) as int32, for r in [0, n); byte offsets into memory. */
  scores(matrix: number, n: number, dim: number, query: number, out: number): void;
}

let cached: object | null | undefined;

/** A fresh kernel instance (own memory), or null where WebAssembly SIMD is unavailable. */
export function createDotKernel(): DotKernel | null {
  if (cached === undefined) {
    try {
      cached = wasm ? new wasm.Module(Buffer.from(DOT_KERNEL_WASM, 'base64')) : null;
    } catch {
      cached = null;
    }
  }
  if (!cached || !wasm) return null;
  const api = new wasm.Instance(cached, {}).exports as unknown as DotKernel;
  return { memory: api.memory, scores: api.scores };
}
