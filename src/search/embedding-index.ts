import { createDotKernel, DotKernel } from './dot-kernel';

/**
 * In-memory candidate search over L2-normalised embeddings, stored int8 (scalar quantisation, one
 * float scale per row): dim bytes a row instead of dim * 4, so 100k demo-model records cost 25 MiB
 * rather than 100 MiB and a query reads a quarter of the memory. A query is one pass of int8 dot
 * products (a WebAssembly SIMD kernel when dim % 16 == 0, plain JS otherwise) then a bounded
 * min-heap for the top k over the rows the filter admits: O(n * dim).
 *
 * Scores are approximate (about 1e-3 off the float cosine at dim 256). Callers that need the exact
 * ranking ask for more candidates than they show and rescore those with the stored float vectors
 * (SearchService does). Numbers: bench/search.ts.
 */
export interface RowMeta {
  createdAt: number;
  decision: string;
  policies: readonly string[];
}

export interface Hit {
  id: string;
  score: number;
}

export class EmbeddingIndex {
  private capacity: number;
  private readonly kernel: DotKernel | null;
  /** WebAssembly layout: [query: dim int16][matrix: capacity rows of dim int8][scores: capacity int32]. */
  private readonly matrixOff: number;
  private matrix!: Int8Array;
  private scales: Float32Array;
  private scratch = new Int32Array(0);
  private readonly ids: string[] = [];
  private readonly rowOf = new Map<string, number>();
  // Row metadata as columns: a RowMeta object per row would cost more than the int8 vector itself.
  private createdAt: Float64Array;
  private decisionOf: Uint8Array;
  private policySetOf: Uint16Array;
  private readonly decisions: string[] = [];
  private readonly policySets: (readonly string[])[] = [];
  private readonly policySetIds = new Map<string, number>();
  private readonly floats: Float32Array;
  private query = new Int8Array(0);

  constructor(
    readonly dim: number,
    capacity = 1024,
    useKernel = true,
  ) {
    this.capacity = Math.max(1, capacity);
    this.kernel = useKernel && dim % 16 === 0 ? createDotKernel() : null;
    this.matrixOff = Math.ceil((dim * 2) / 65536) * 65536;
    if (this.kernel) this.reserveKernelMemory();
    else this.matrix = new Int8Array(this.capacity * dim);
    this.scales = new Float32Array(this.capacity);
    this.createdAt = new Float64Array(this.capacity);
    this.decisionOf = new Uint8Array(this.capacity);
    this.policySetOf = new Uint16Array(this.capacity);
    this.floats = new Float32Array(dim);
  }

  /** Which dot-product implementation runs (reported by the benchmark). */
  get engine(): 'wasm-simd' | 'js' {
    return this.kernel ? 'wasm-simd' : 'js';
  }

  get size(): number {
    return this.ids.length;
  }

  /** Bytes the rows hold (vectors, scales and metadata columns; ids and the id map not counted). */
  get bytes(): number {
    return this.size * (this.dim + 4 + 8 + 1 + 2);
  }

  has(id: string): boolean {
    return this.rowOf.has(id);
  }

  /** Adds a row; `vector` may be the raw little-endian float32 bytes as stored in the database. Ignores known ids. */
  add(id: string, vector: Float32Array | Uint8Array, meta: RowMeta): boolean {
    if (this.rowOf.has(id)) return false;
    const row = this.ids.length;
    const v = this.toFloats(vector);
    if (row + 1 > this.capacity) this.grow();
    this.scales[row] = quantize(v, this.matrix, row * this.dim);
    this.createdAt[row] = meta.createdAt;
    this.decisionOf[row] = this.intern(this.decisions, meta.decision);
    this.policySetOf[row] = this.policySet(meta.policies);
    this.ids.push(id);
    this.rowOf.set(id, row);
    return true;
  }

  /**
   * The best k rows for the query by approximate cosine, best first. `filter` sees a reused object:
   * read it, do not keep it.
   */
  search(query: Float32Array, k: number, filter?: (m: RowMeta) => boolean, exclude?: string): Hit[] {
    if (query.length !== this.dim) throw new Error(`query of ${query.length} floats does not match the index dimension ${this.dim}`);
    const n = this.ids.length;
    if (k <= 0 || n === 0) return [];
    const qScale = this.setQuery(query);
    const dots = this.scoreAll(n);
    const scales = this.scales;
    const skip = exclude === undefined ? -1 : (this.rowOf.get(exclude) ?? -1);
    const meta = { createdAt: 0, decision: '', policies: [] as readonly string[] };
    // Min-heap of the best k (hs[0] is the worst kept).
    const hs = new Float64Array(k);
    const hr = new Int32Array(k);
    let size = 0;
    for (let r = 0; r < n; r++) {
      const s = dots[r] * scales[r];
      if (size === k && s <= hs[0]) continue;
      if (r === skip) continue;
      if (filter) {
        meta.createdAt = this.createdAt[r];
        meta.decision = this.decisions[this.decisionOf[r]];
        meta.policies = this.policySets[this.policySetOf[r]];
        if (!filter(meta)) continue;
      }
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
    for (let i = 0; i < size; i++) out.push({ id: this.ids[hr[i]], score: hs[i] * qScale });
    return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  }

  private toFloats(vector: Float32Array | Uint8Array): Float32Array {
    // Not instanceof: arrays from worker threads or another realm (jest's vm) fail it.
    if (vector.byteLength !== this.dim * 4) throw new Error(`embedding of ${vector.byteLength / 4} floats does not match the index dimension ${this.dim}`);
    if (vector.BYTES_PER_ELEMENT === 4) return vector as Float32Array;
    new Uint8Array(this.floats.buffer).set(vector);
    return this.floats;
  }

  private intern(list: string[], value: string): number {
    let i = list.indexOf(value);
    if (i < 0) {
      if (list.length === 255) throw new Error('more than 255 distinct decisions');
      i = list.push(value) - 1;
    }
    return i;
  }

  /** Policy lists repeat (most rows have none or one): each distinct list is kept once. */
  private policySet(policies: readonly string[]): number {
    const key = policies.join('\u0000');
    let i = this.policySetIds.get(key);
    if (i === undefined) {
      if (this.policySets.length === 65535) throw new Error('more than 65535 distinct policy lists');
      i = this.policySets.push(Object.freeze([...policies])) - 1;
      this.policySetIds.set(key, i);
    }
    return i;
  }

  /** Quantises the query into the kernel's (or the JS path's) query slot; returns its scale. */
  private setQuery(query: Float32Array): number {
    const q = new Int8Array(this.dim);
    const scale = quantize(query, q, 0);
    if (this.kernel) new Int16Array(this.kernel.memory.buffer, 0, this.dim).set(q);
    else this.query = q;
    return scale;
  }

  /** Integer dot product of every row with the quantised query (a view valid until the next add or search). */
  private scoreAll(n: number): Int32Array {
    const d = this.dim;
    if (this.kernel) {
      const outOff = this.matrixOff + this.capacity * d;
      this.kernel.scores(this.matrixOff, n, d, 0, outOff);
      return new Int32Array(this.kernel.memory.buffer, outOff, n);
    }
    if (this.scratch.length < n) this.scratch = new Int32Array(this.capacity);
    const m = this.matrix;
    const q = this.query;
    const out = this.scratch;
    for (let r = 0; r < n; r++) {
      let s = 0;
      let o = r * d;
      let j = 0;
      for (; j + 4 <= d; j += 4, o += 4) s += m[o] * q[j] + m[o + 1] * q[j + 1] + m[o + 2] * q[j + 2] + m[o + 3] * q[j + 3];
      for (; j < d; j++, o++) s += m[o] * q[j];
      out[r] = s;
    }
    return out;
  }

  private reserveKernelMemory(): void {
    const mem = this.kernel!.memory;
    const need = this.matrixOff + this.capacity * this.dim + this.capacity * 4;
    if (need > mem.buffer.byteLength) mem.grow(Math.ceil((need - mem.buffer.byteLength) / 65536));
    // Growing detaches the old ArrayBuffer: views are rebuilt; the matrix itself stays where it was.
    this.matrix = new Int8Array(mem.buffer, this.matrixOff, this.capacity * this.dim);
  }

  private grow(): void {
    const old = this.capacity;
    // Doubling while small, then 64k rows at a time: the untouched tail of WebAssembly memory costs
    // no RSS, but the JS columns below are copied and would otherwise sit half empty.
    this.capacity = old < 65536 ? old * 2 : old + 65536;
    if (this.kernel) {
      this.reserveKernelMemory();
    } else {
      const next = new Int8Array(this.capacity * this.dim);
      next.set(this.matrix);
      this.matrix = next;
    }
    this.scales = extend(this.scales, this.capacity);
    this.createdAt = extend(this.createdAt, this.capacity);
    this.decisionOf = extend(this.decisionOf, this.capacity);
    this.policySetOf = extend(this.policySetOf, this.capacity);
  }
}

/** Symmetric int8 quantisation of v into out[at..at+dim): returns the scale (value of one step). */
function quantize(v: Float32Array, out: Int8Array, at: number): number {
  let max = 0;
  for (let j = 0; j < v.length; j++) max = Math.max(max, Math.abs(v[j]));
  if (max === 0 || !Number.isFinite(max)) {
    out.fill(0, at, at + v.length);
    return 0;
  }
  const inv = 127 / max;
  for (let j = 0; j < v.length; j++) out[at + j] = Math.round(v[j] * inv);
  return max / 127;
}

function extend<T extends Float32Array | Float64Array | Uint8Array | Uint16Array>(a: T, length: number): T {
  const next = new (a.constructor as new (n: number) => T)(length);
  next.set(a);
  return next;
}
