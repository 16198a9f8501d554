import { wasmKernel, WasmMemory } from '../common/wasm-kernel';
/**
 * The WebAssembly SIMD Hamming-distance scan of the PDQ index (source: hamming-kernel.wat beside this file).
 * Base64 of `wat2wasm hamming-kernel.wat` (wabt 1.0.32); regenerate both together.
 */
export const HAMMING_KERNEL_WASM = 'AGFzbQEAAAABCwFgBn9/f39/fwF/AwIBAAUDAQABBxECBm1lbW9yeQIABHNjYW4AAAqcAQGZAQIDfwN7IAL9AAQAIQkgAv0ABBAhCgJAA0AgBiABTw0BIAD9AAQAIAn9Uf1iIAD9AAQQIAr9Uf1i/W79ff1/IQsgC/0bACAL/RsBaiAL/RsCIAv9GwNqaiEIIAggA00EQCAEIAY2AgAgBCAINgIEIARBCGohBCAHQQFqIQcgByAFTw0CCyAAQSBqIQAgBkEBaiEGDAALCyAHCw==';

export interface HammingKernel {
  memory: WasmMemory;
  /**
   * Scans n 32-byte hashes from byte offset `hashes` against the 32 bytes at `query`; writes (index, distance)
   * i32 pairs of those within `max` at `out`, at most `cap` of them; returns how many it wrote.
   */
  scan(hashes: number, n: number, query: number, max: number, out: number, cap: number): number;
}

const instantiate = wasmKernel<HammingKernel>(HAMMING_KERNEL_WASM);

/** A fresh kernel instance (own memory), or null where WebAssembly SIMD is unavailable. */
export function createHammingKernel(): HammingKernel | null {
  const api = instantiate();
  if (!api) return null;
  return { memory: api.memory, scan: api.scan };
}
