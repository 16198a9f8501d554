/**
 * The WebAssembly SIMD dot-product kernel of the exact search (source: dot-kernel.wat beside this file).
 * Base64 of `wat2wasm dot-kernel.wat` (wabt 1.0.32); regenerate both together.
 */
export const DOT_KERNEL_WASM = 'AGFzbQEAAAABCQFgBX9/f39/AAMCAQAFAwEAAQcTAgZtZW1vcnkCAAZzY29yZXMAAArKAQHHAQIDfwJ7AkADQCAFIAFPDQH9DAAAAAAAAAAAAAAAAAAAAAAhCP0MAAAAAAAAAAAAAAAAAAAAACEJIAMhByAAIAJBAnRqIQYCQANAIAAgBk8NASAIIAD9AAQAIAf9AAQA/eYB/eQBIQggCSAA/QAEECAH/QAEEP3mAf3kASEJIABBIGohACAHQSBqIQcMAAsLIAggCf3kASEIIAQgCP0fACAI/R8BkiAI/R8CIAj9HwOSkjgCACAEQQRqIQQgBUEBaiEFDAALCws=';

export interface DotKernel {
  memory: WebAssembly.Memory;
  /** out[r] = dot(matrix row r, query) for r in [0, n); byte offsets into memory. */
  scores(matrix: number, n: number, dim: number, query: number, out: number): void;
}

let cached: WebAssembly.Module | null | undefined;

/** A fresh kernel instance (own memory), or null where WebAssembly SIMD is unavailable. */
export function createDotKernel(): DotKernel | null {
  if (cached === undefined) {
    try {
      cached = new WebAssembly.Module(Buffer.from(DOT_KERNEL_WASM, 'base64'));
    } catch {
      cached = null;
    }
  }
  if (!cached) return null;
  const api = new WebAssembly.Instance(cached, {}).exports as unknown as DotKernel;
  return { memory: api.memory, scores: api.scores };
}
