import { createDotKernel, DotKernel } from './dot-kernel';

/**
 * Exact nearest-neighbour search over L2-normalised embeddings held as one contiguous float32 matrix
 * (row-major, `dim` floats per row), grown by doubling. A query is one pass of dot products (a
 * WebAssembly SIMD kernel when dim % 8 == 0, plain JS otherwise) then a bounded min-heap for the
 * top k over the rows the filter admits: O(n * dim). Numbers: bench/search.ts.
 */
export interface RowMeta {
  createdAt: number;
  decision: string;
  policies: string[];
}

export interface Hit {
  id: string;
  score: number;
}

export class EmbeddingIndex {
  private capacity: number;
  private readonly kernel: DotKernel | null;
  /** WebAssembly layout: [query][matrix: capacity rows][scores: capacity floats]. */
  private readonly matrixOff: number;
  private data!: Float32Array;
  private bytes!: Uint8Array;
  private scratch = new Float32Array(0);
  private readonly ids: string[] = [];
  private readonly meta: RowMeta[] = [];
  private readonly rowOf = new Map<string, number>();

  constructor(
    readonly dim: number,
    capacity = 1024,
    useKernel = true,
  ) {
    this.capacity = Math.max(1, capacity);
    this.kernel = useKernel && dim % 8 === 0 ? createDotKernel() : null;
    this.matrixOff = Math.ceil((dim * 4) / 65536) * 65536;
    if (this.kernel) this.reserveKernelMemory();
    else this.data = new Float32Array(this.capacity * dim);
    this.bytes = new Uint8Array(this.data.buffer, this.data.byteOffset, this.data.byteLength);
  }

  /** Which dot-product implementation runs (reported by the benchmark). */
  get engine(): 'wasm-simd' | 'js' {
    return this.kernel ? 'wasm-simd' : 'js';
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.rowOf.has(id);
  }

  /** Adds a row; `vector` may be the raw little-endian float32 bytes as stored in the database. Ignores known ids. */
  add(id: string, vector: Float32Array | Uint8Array, meta: RowMeta): boolean {
    if (this.rowOf.has(id)) return false;
    // Not instanceof: arrays from worker threads or another realm (jest's vm) fail it.
    const floats = vector.BYTES_PER_ELEMENT === 4;
    const byteLen = vector.byteLength;
    if (byteLen !== this.dim * 4) throw new Error(`embedding of ${byteLen / 4} floats does not match the index dimension ${this.dim}`);
    const row = this.ids.length;
    if (row + 1 > this.capacity) this.grow();
    if (floats) this.data.set(vector, row * this.dim);
    else this.bytes.set(vector, row * this.dim * 4);
    this.ids.push(id);
    this.meta.push(meta);
    this.rowOf.set(id, row);
    return true;
  }

  vector(id: string): Float32Array | undefined {
    const row = this.rowOf.get(id);
    return row === undefined ? undefined : this.data.slice(row * this.dim, (row + 1) * this.dim);
  }

  search(query: Float32Array, k: number, filter?: (m: RowMeta) => boolean, exclude?: string): Hit[] {
    if (query.length !== this.dim) throw new Error(`query of ${query.length} floats does not match the index dimension ${this.dim}`);
    const n = this.ids.length;
    const scores = this.scoreAll(query, n);
    const skip = exclude === undefined ? -1 : (this.rowOf.get(exclude) ?? -1);
    // Min-heap of the best k (hs[0] is the worst kept).
    const hs = new Float64Array(k);
    const hr = new Int32Array(k);
    let size = 0;
    for (let r = 0; r < n; r++) {
      const s = scores[r];
      if (size === k && s <= hs[0]) continue;
      if (r === skip || (filter && !filter(this.meta[r]))) continue;
      if (size < k) {
        let i = size++;
        while (i > 0) {
          const p = (i - 1) >> 1;
          if (hs[p] <= s) break;
          hs[i] = hs[p];
          hr[i] = hr[p];
          i = p;
        }
        hs[i] = s;
        hr[i] = r;
      } else {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= size) break;
          const c = l + 1 < size && hs[l + 1] < hs[l] ? l + 1 : l;
          if (hs[c] >= s) break;
          hs[i] = hs[c];
          hr[i] = hr[c];
          i = c;
        }
        hs[i] = s;
        hr[i] = r;
      }
    }
    const out: Hit[] = [];
    for (let i = 0; i < size; i++) out.push({ id: this.ids[hr[i]], score: hs[i] });
    return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  }

  /** Dot product of every row with the query (a view valid until the next add or search). */
  private scoreAll(query: Float32Array, n: number): Float32Array {
    const d = this.dim;
    if (this.kernel) {
      const buf = this.kernel.memory.buffer;
      new Float32Array(buf, 0, d).set(query);
      const outOff = this.matrixOff + this.capacity * d * 4;
      this.kernel.scores(this.matrixOff, n, d, 0, outOff);
      return new Float32Array(buf, outOff, n);
    }
    if (this.scratch.length < n) this.scratch = new Float32Array(this.capacity);
    const data = this.data;
    const out = this.scratch;
    for (let r = 0; r < n; r++) {
      let s = 0;
      let o = r * d;
      let j = 0;
      for (; j + 4 <= d; j += 4, o += 4) s += data[o] * query[j] + data[o + 1] * query[j + 1] + data[o + 2] * query[j + 2] + data[o + 3] * query[j + 3];
      for (; j < d; j++, o++) s += data[o] * query[j];
      out[r] = s;
    }
    return out;
  }

  private reserveKernelMemory(): void {
    const mem = this.kernel!.memory;
    const need = this.matrixOff + this.capacity * this.dim * 4 + this.capacity * 4;
    if (need > mem.buffer.byteLength) mem.grow(Math.ceil((need - mem.buffer.byteLength) / 65536));
    // Growing detaches the old ArrayBuffer: views are rebuilt; the matrix itself stays where it was.
    this.data = new Float32Array(mem.buffer, this.matrixOff, this.capacity * this.dim);
  }

  private grow(): void {
    this.capacity *= 2;
    if (this.kernel) {
      this.reserveKernelMemory();
    } else {
      const next = new Float32Array(this.capacity * this.dim);
      next.set(this.data);
      this.data = next;
    }
    this.bytes = new Uint8Array(this.data.buffer, this.data.byteOffset, this.data.byteLength);
  }
}
