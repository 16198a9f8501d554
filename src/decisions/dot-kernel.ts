import { wasmKernel, WasmMemory } from '../common/wasm-kernel';
/**
 * The WebAssembly SIMD cosine scan of the decision engine (source: dot-kernel.wat beside this file).
 * Base64 of `wat2wasm dot-kernel.wat` (wabt 1.0.32); regenerate both together.
 */
export const DOT_KERNEL_WASM = 'AGFzbQEAAAABCQFgBX9/f39/AAMCAQAFAwEAAQcRAgZtZW1vcnkCAARkb3RzAAAK8QEB7gECA38EeyACQQJ0IQcCQANAIAUgAU8NAf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAAIQtBACEGAkADQCAGIAdPDQEgACAGav0ABAAhCCADIAZq/QAEACEJIAogCP1fIAn9X/3yAf3wASEKIAsgCCAI/Q0ICQoLDA0ODwABAgMEBQYH/V8gCSAJ/Q0ICQoLDA0ODwABAgMEBQYH/V/98gH98AEhCyAGQRBqIQYMAAsLIAogC/3wASEKIAQgCv0hACAK/SEBoDkDACAAIAdqIQAgBEEIaiEEIAVBAWohBQwACwsL';

interface DotKernelExports {
  memory: WasmMemory;
  /** out[r] (f64) = dot(rows[r], query) for n rows of dim f32 from byte offset rows; query and out are byte offsets. */
  dots(rows: number, n: number, dim: number, query: number, out: number): void;
}

const instantiate = wasmKernel<DotKernelExports>(DOT_KERNEL_WASM);
const PAGE = 64 * 1024;

/**
 * One policy set's distinct prompt vectors, copied once into a kernel instance's memory, and the
 * scan of an image embedding against all of them: about eight times quicker than a JS loop over
 * 2,000 vectors of 256 (`npm run bench:decide`), with the same f64 products and sums in another order.
 */
export class DotScan {
  private constructor(
    private readonly kernel: DotKernelExports,
    readonly dim: number,
    private readonly n: number,
  ) {}

  /** Null where WebAssembly SIMD is unavailable, or the vectors are not all of one width divisible by 4. */
  static create(vectors: Float32Array[]): DotScan | null {
    const dim = vectors[0]?.length ?? 0;
    if (!dim || dim % 4 !== 0 || vectors.some((v) => v.length !== dim)) return null;
    const kernel = instantiate();
    if (!kernel) return null;
    const scan = new DotScan(kernel, dim, vectors.length);
    const need = scan.outAt + 8 * vectors.length;
    const have = kernel.memory.buffer.byteLength;
    if (need > have) kernel.memory.grow(Math.ceil((need - have) / PAGE));
    const rows = new Float32Array(kernel.memory.buffer, 0, vectors.length * dim);
    vectors.forEach((v, k) => rows.set(v, k * dim));
    return scan;
  }

  private get queryAt(): number {
    return this.n * this.dim * 4;
  }

  private get outAt(): number {
    return this.queryAt + this.dim * 4;
  }

  /** Every vector's dot product with `query` (a view into the kernel's memory, valid until the next call). */
  dots(query: Float32Array): Float64Array {
    const buffer = this.kernel.memory.buffer;
    new Float32Array(buffer, this.queryAt, this.dim).set(query);
    this.kernel.dots(0, this.n, this.dim, this.queryAt, this.outAt);
    return new Float64Array(buffer, this.outAt, this.n);
  }
}
