/**
 * The WebAssembly SIMD Hamming-distance scan of the PDQ index (source: hamming-kernel.wat beside this file).
 * Base64 of `wat2wasm hamming-kernel.wat` (wabt 1.0.32); regenerate both together.
 */
export const HAMMING_KERNEL_WASM = 'AGFzbQEAAAABCwFgBn9/f39/fwF/AwIBAAUDAQABBxECBm1lbW9yeQIABHNjYW4AAAqcAQGZAQIDfwN7IAL9AAQAIQkgAv0ABBAhCgJAA0AgBiABTw0BIAD9AAQAIAn9Uf1iIAD9AAQQIAr9Uf1i/W79ff1/IQsgC/0bACAL/RsBaiAL/RsCIAv9GwNqaiEIIAggA00EQCAEIAY2AgAgBCAINgIEIARBCGohBCAHQQFqIQcgByAFTw0CCyAAQSBqIQAgBkEBaiEGDAALCyAHCw==';

/** The slice of the WebAssembly JS API used here (the project's TS libs do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

export interface HammingKernel {
  memory: WasmMemory;
  /**
   * Scans n 32-byte hashes from byte offset `hashes` against the 32 bytes at `query`; writes (index, distance)
   * i32 pairs of those within `max` at `out`, at most `cap` of them; returns how many it wrote.
   */
  scan(hashes: number, n: number, query: number, max: number, out: number, cap: number): number;
}

let cached: object | null | undefined;

/** A fresh kernel instance (own memory), or null where WebAssembly SIMD is unavailable. */
export function createHammingKernel(): HammingKernel | null {
  if (cached === undefined) {
    try {
      cached = wasm ? new wasm.Module(Buffer.from(HAMMING_KERNEL_WASM, 'base64')) : null;
    } catch {
      cached = null;
    }
  }
  if (!cached || !wasm) return null;
  const api = new wasm.Instance(cached, {}).exports as unknown as HammingKernel;
  return { memory: api.memory, scan: api.scan };
}
