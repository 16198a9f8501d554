/**
 * Exact nearest-neighbour search over L2-normalised embeddings held as one contiguous Float32Array
 * (row-major, `dim` floats per row), grown by doubling. A query is one pass of dot products with a
 * bounded min-heap for the top k: O(n * dim), about 20-40 ms for 100k x 512 on one core (bench/search.ts).
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
  private data: Float32Array;
  private bytes: Uint8Array;
  private readonly ids: string[] = [];
  private readonly meta: RowMeta[] = [];
  private readonly rowOf = new Map<string, number>();

  constructor(
    readonly dim: number,
    capacity = 1024,
  ) {
    this.data = new Float32Array(Math.max(1, capacity) * dim);
    this.bytes = new Uint8Array(this.data.buffer);
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
    if ((row + 1) * this.dim > this.data.length) this.grow();
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
    const d = this.dim;
    const data = this.data;
    const n = this.ids.length;
    const skip = exclude === undefined ? -1 : (this.rowOf.get(exclude) ?? -1);
    // Min-heap of the best k (scores[0] is the worst kept).
    const hs = new Float64Array(k);
    const hr = new Int32Array(k);
    let size = 0;
    for (let r = 0; r < n; r++) {
      if (r === skip || (filter && !filter(this.meta[r]))) continue;
      let s = 0;
      let o = r * d;
      let j = 0;
      for (; j + 4 <= d; j += 4, o += 4) s += data[o] * query[j] + data[o + 1] * query[j + 1] + data[o + 2] * query[j + 2] + data[o + 3] * query[j + 3];
      for (; j < d; j++, o++) s += data[o] * query[j];
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
      } else if (s > hs[0]) {
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

  private grow(): void {
    const next = new Float32Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
    this.bytes = new Uint8Array(next.buffer);
  }
}
