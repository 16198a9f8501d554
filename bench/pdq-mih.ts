import { hammingWords } from '../src/banks/hamming';

/**
 * Multi-index hashing over PDQ hashes, the design measured against the scan in bench/banks.ts (not
 * shipped). The 256 bits are cut into `chunks` substrings; two hashes within distance t agree within
 * floor(t / chunks) bits on at least one substring (pigeonhole), so candidates are the entries whose
 * substring at some position is within that radius of the query's. Buckets are chained through one
 * Int32Array per position (head per substring value, next per entry).
 */
export class MihIndex {
  readonly bitsPerChunk: number;
  private readonly heads: Int32Array[] = [];
  private readonly next: Int32Array[] = [];
  private readonly words: Uint32Array;
  private count = 0;
  private readonly seen: Uint32Array;
  private stamp = 0;
  lastCandidates = 0;

  constructor(
    readonly chunks: 16 | 32,
    readonly capacity: number,
  ) {
    this.bitsPerChunk = 256 / chunks;
    for (let c = 0; c < chunks; c++) {
      this.heads.push(new Int32Array(1 << this.bitsPerChunk).fill(-1));
      this.next.push(new Int32Array(capacity));
    }
    this.words = new Uint32Array(capacity * 8);
    this.seen = new Uint32Array(capacity);
  }

  get bytes(): number {
    return this.heads.reduce((s, h) => s + h.byteLength, 0) + this.next.reduce((s, n) => s + n.byteLength, 0) + this.words.byteLength + this.seen.byteLength;
  }

  private chunk(w: Uint32Array, o: number, c: number): number {
    return this.bitsPerChunk === 16 ? (w[o + (c >> 1)] >>> ((c & 1) * 16)) & 0xffff : (w[o + (c >> 2)] >>> ((c & 3) * 8)) & 0xff;
  }

  add(hash: Uint8Array): number {
    const slot = this.count++;
    this.words.set(new Uint32Array(hash.buffer, hash.byteOffset, 8), slot * 8);
    for (let c = 0; c < this.chunks; c++) {
      const v = this.chunk(this.words, slot * 8, c);
      this.next[c][slot] = this.heads[c][v];
      this.heads[c][v] = slot;
    }
    return slot;
  }

  query(hash: Uint8Array, max: number): { slot: number; distance: number }[] {
    const q = new Uint32Array(8);
    q.set(new Uint32Array(hash.buffer, hash.byteOffset, 8));
    const radius = Math.floor(max / this.chunks);
    if (radius > 1) throw new Error('this sketch enumerates substrings within 1 bit only');
    if (++this.stamp === 0xffffffff) this.seen.fill(0), (this.stamp = 1);
    const out: { slot: number; distance: number }[] = [];
    let candidates = 0;
    for (let c = 0; c < this.chunks; c++) {
      const v = this.chunk(q, 0, c);
      const probes = [v];
      if (radius === 1) for (let b = 0; b < this.bitsPerChunk; b++) probes.push(v ^ (1 << b));
      for (const p of probes) {
        for (let s = this.heads[c][p]; s >= 0; s = this.next[c][s]) {
          if (this.seen[s] === this.stamp) continue;
          this.seen[s] = this.stamp;
          candidates++;
          const d = hammingWords(this.words, s * 8, q, 0);
          if (d <= max) out.push({ slot: s, distance: d });
        }
      }
    }
    this.lastCandidates = candidates;
    return out;
  }
}
