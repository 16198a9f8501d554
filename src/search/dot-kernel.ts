import { wasmKernel, WasmMemory } from '../common/wasm-kernel';
/**
 * The WebAssembly SIMD int8 dot-product kernel of the search index (source: dot-kernel.wat beside this file).
 * Base64 of `wat2wasm dot-kernel.wat` (wabt 1.0.32); regenerate both together.
 */
export const DOT_KERNEL_WASM = 'AGFzbQEAAAABCQFgBX9/f39/AAMCAQAFAwEAAQcTAgZtZW1vcnkCAAZzY29yZXMAAArNAQHKAQIDfwN7AkADQCAFIAFPDQH9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEKIAMhByAAIAJqIQYCQANAIAAgBk8NASAA/QAEACEIIAkgCP2HASAH/QAEAP26Af2uASEJIAogCP2IASAH/QAEEP26Af2uASEKIABBEGohACAHQSBqIQcMAAsLIAkgCv2uASEJIAQgCf0bACAJ/RsBaiAJ/RsCIAn9GwNqajYCACAEQQRqIQQgBUEBaiEFDAALCws=';

export interface DotKernel {
  memory: WasmMemory;
  /** out[r] = dot(int8 matrix row r, int16 query) as int32, for r in [0, n); byte offsets into memory. */
  scores(matrix: number, n: number, dim: number, query: number, out: number): void;
}

const instantiate = wasmKernel<DotKernel>(DOT_KERNEL_WASM);

/** A fresh kernel instance (own memory), or null where WebAssembly SIMD is unavailable. */
export function createDotKernel(): DotKernel | null {
  const api = instantiate();
  if (!api) return null;
  return { memory: api.memory, scores: api.scores };
}
