import { popcount32, PDQ_BYTES } from './hamming';
import { createHammingKernel, HammingKernel } from './hamming-kernel';

/** One bank entry within the asked distance of a query hash. */
export interface PdqMatch {
  entryId: number;
  bankId: string;
  distance: number;
}

export interface PdqIndexOptions {
  /** Entries to reserve room for up front (a bulk load knows its count). */
  capacity?: number;
  /** false: the plain-JS scan even where WebAssembly SIMD is available (tests, benchmark). */
  useKernel?: boolean;
}

/** The reference maintainers' match threshold, and the default of a bank. */
export const PDQ_DEFAULT_DISTANCE = 31;

const HEX = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 10; i++) t[48 + i] = i;
  for (let i = 0; i < 6; i++) t[65 + i] = t[97 + i] = 10 + i;
  return t;
})();

// WebAssembly layout: page 0 holds the query (32 bytes at 0) and the kernel's hits ((index, distance)
// i32 pairs from OUT_OFF); the hashes start at page 1, 32 bytes each, in slot order.
const OUT_OFF = 64;
const OUT_CAP = (65536 - OUT_OFF) / 8;
const HASHES_OFF = 65536;

/**
 * All PDQ hashes of all banks, for "every entry within distance d of this hash" in one pass: a linear
 * scan over the packed 32-byte hashes (a WebAssembly SIMD popcount kernel, plain JS where WebAssembly
 * SIMD is missing). docs/hashing.md says why a scan rather than multi-index hashing.
 *
 * Entries live in slots (hash, entry id, bank); removing one marks its slot dead, and dead slots are
 * squeezed out once they are a quarter of the index. Entry ids are the database's integer ids: loaded in
 * id order they stay sorted, so finding an entry to remove is a binary search.
 */
export class PdqIndex {
  private readonly kernel: HammingKernel | null;
  private capacity: number;
  private count = 0;
  private dead = 0;
  private bytes!: Uint8Array;
  private words!: Uint32Array;
  private entryIds: Float64Array;
  private bankOf: Uint32Array;
  private deadFlag: Uint8Array;
  private sorted = true;
  private readonly banks: string[] = [];
  private readonly bankOrdinal = new Map<string, number>();
  private readonly queryBytes = new Uint8Array(PDQ_BYTES);

  constructor(opts: PdqIndexOptions = {}) {
    this.capacity = Math.max(1024, opts.capacity ?? 0);
    this.kernel = opts.useKernel === false ? null : createHammingKernel();
    this.allocateHashes(null);
    this.entryIds = new Float64Array(this.capacity);
    this.bankOf = new Uint32Array(this.capacity);
    this.deadFlag = new Uint8Array(this.capacity);
  }

  /** Which scan runs (reported by the benchmark). */
  get engine(): 'wasm-simd' | 'js' {
    return this.kernel ? 'wasm-simd' : 'js';
  }

  /** Live entries. */
  get size(): number {
    return this.count - this.dead;
  }

  /** Bytes reserved for hashes and slot columns (the bank-name table not counted). */
  get reservedBytes(): number {
    return this.capacity * (PDQ_BYTES + 8 + 4 + 1) + (this.kernel ? HASHES_OFF : 0);
  }

  has(entryId: number): boolean {
    return this.slotOf(entryId) >= 0;
  }

  /** Adds an entry from its 32 hash bytes. The caller keeps entry ids unique (`has` tells). */
  add(entryId: number, bankId: string, hash: Uint8Array): void {
    if (hash.length !== PDQ_BYTES) throw new RangeError(`a PDQ hash is ${PDQ_BYTES} bytes (got ${hash.length})`);
    const slot = this.nextSlot(entryId, bankId);
    this.bytes.set(hash, slot * PDQ_BYTES);
  }

  /** Adds an entry from the 64 hex digits the database and HMA files hold, without an intermediate buffer. */
  addHex(entryId: number, bankId: string, hex: string): void {
    if (hex.length !== PDQ_BYTES * 2) throw new RangeError('a PDQ hash is 64 hex digits');
    if (this.count === this.capacity) this.grow();
    const at = this.count * PDQ_BYTES;
    for (let i = 0; i < PDQ_BYTES; i++) {
      const hi = hexDigit(hex.charCodeAt(2 * i));
      const lo = hexDigit(hex.charCodeAt(2 * i + 1));
      if (hi < 0 || lo < 0) throw new RangeError('a PDQ hash is 64 hex digits');
      this.bytes[at + i] = (hi << 4) | lo;
    }
    this.nextSlot(entryId, bankId);
  }

  /** Marks an entry removed; false when it is not in the index. */
  remove(entryId: number): boolean {
    const slot = this.slotOf(entryId);
    if (slot < 0) return false;
    this.deadFlag[slot] = 1;
    this.dead++;
    if (this.dead >= 1024 && this.dead * 4 >= this.count) this.compact();
    return true;
  }

  /** Every live entry within `maxDistance` bits of `hash`, nearest first. */
  query(hash: Uint8Array, maxDistance = PDQ_DEFAULT_DISTANCE): PdqMatch[] {
    if (hash.length !== PDQ_BYTES) throw new RangeError(`a PDQ hash is ${PDQ_BYTES} bytes (got ${hash.length})`);
    if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 256) throw new RangeError(`a PDQ distance is an integer in 0..256 (got ${maxDistance})`);
    const hits: PdqMatch[] = [];
    const keep = (slot: number, distance: number) => {
      if (!this.deadFlag[slot]) hits.push({ entryId: this.entryIds[slot], bankId: this.banks[this.bankOf[slot]], distance });
    };
    if (this.kernel) this.scanKernel(hash, maxDistance, keep);
    else this.scanJs(hash, maxDistance, keep);
    return hits.sort((a, b) => a.distance - b.distance || a.entryId - b.entryId);
  }

  private scanKernel(hash: Uint8Array, max: number, keep: (slot: number, distance: number) => void): void {
    const k = this.kernel!;
    new Uint8Array(k.memory.buffer, 0, PDQ_BYTES).set(hash);
    let from = 0;
    while (from < this.count) {
      const found = k.scan(HASHES_OFF + from * PDQ_BYTES, this.count - from, 0, max, OUT_OFF, OUT_CAP);
      const out = new Int32Array(k.memory.buffer, OUT_OFF, found * 2);
      for (let h = 0; h < found; h++) keep(from + out[2 * h], out[2 * h + 1]);
      // A full hit buffer: resume after the last hit (only a query near very many entries gets here).
      if (found < OUT_CAP) break;
      from += out[2 * (found - 1)] + 1;
    }
  }

  private scanJs(hash: Uint8Array, max: number, keep: (slot: number, distance: number) => void): void {
    this.queryBytes.set(hash);
    const q = new Uint32Array(this.queryBytes.buffer, 0, 8);
    const [q0, q1, q2, q3, q4, q5, q6, q7] = q;
    const w = this.words;
    for (let slot = 0, o = 0; slot < this.count; slot++, o += 8) {
      // Two words at a time, leaving as soon as the distance is over: a random hash is over 31 after 64 bits half the time.
      let d = popcount32(w[o] ^ q0) + popcount32(w[o + 1] ^ q1);
      if (d > max) continue;
      d += popcount32(w[o + 2] ^ q2) + popcount32(w[o + 3] ^ q3);
      if (d > max) continue;
      d += popcount32(w[o + 4] ^ q4) + popcount32(w[o + 5] ^ q5) + popcount32(w[o + 6] ^ q6) + popcount32(w[o + 7] ^ q7);
      if (d <= max) keep(slot, d);
    }
  }

  private nextSlot(entryId: number, bankId: string): number {
    if (!Number.isSafeInteger(entryId)) throw new RangeError(`entry ids are integers (got ${entryId})`);
    if (this.count === this.capacity) this.grow();
    const slot = this.count++;
    if (slot > 0 && entryId <= this.entryIds[slot - 1]) this.sorted = false;
    this.entryIds[slot] = entryId;
    this.bankOf[slot] = this.ordinalOf(bankId);
    this.deadFlag[slot] = 0;
    return slot;
  }

  private ordinalOf(bankId: string): number {
    let o = this.bankOrdinal.get(bankId);
    if (o === undefined) {
      o = this.banks.push(bankId) - 1;
      this.bankOrdinal.set(bankId, o);
    }
    return o;
  }

  private slotOf(entryId: number): number {
    const ids = this.entryIds;
    if (this.sorted) {
      let lo = 0;
      let hi = this.count - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (ids[mid] < entryId) lo = mid + 1;
        else if (ids[mid] > entryId) hi = mid - 1;
        else return this.deadFlag[mid] ? -1 : mid;
      }
      return -1;
    }
    for (let s = 0; s < this.count; s++) if (ids[s] === entryId && !this.deadFlag[s]) return s;
    return -1;
  }

  private compact(): void {
    let to = 0;
    for (let from = 0; from < this.count; from++) {
      if (this.deadFlag[from]) continue;
      if (to !== from) {
        this.bytes.copyWithin(to * PDQ_BYTES, from * PDQ_BYTES, (from + 1) * PDQ_BYTES);
        this.entryIds[to] = this.entryIds[from];
        this.bankOf[to] = this.bankOf[from];
        this.deadFlag[to] = 0;
      }
      to++;
    }
    this.count = to;
    this.dead = 0;
  }

  private grow(): void {
    const old = this.capacity;
    // Doubling while small, then 64k entries at a time, so a large index does not sit half empty.
    this.capacity = old < 65536 ? old * 2 : old + 65536;
    this.allocateHashes(this.bytes);
    this.entryIds = extend(this.entryIds, this.capacity);
    this.bankOf = extend(this.bankOf, this.capacity);
    this.deadFlag = extend(this.deadFlag, this.capacity);
  }

  private allocateHashes(previous: Uint8Array | null): void {
    if (this.kernel) {
      const mem = this.kernel.memory;
      const need = HASHES_OFF + this.capacity * PDQ_BYTES;
      if (need > mem.buffer.byteLength) mem.grow(Math.ceil((need - mem.buffer.byteLength) / 65536));
      // Growing detaches the old ArrayBuffer: the views are rebuilt; the hashes stay where they were.
      this.bytes = new Uint8Array(mem.buffer, HASHES_OFF, this.capacity * PDQ_BYTES);
    } else {
      const next = new Uint8Array(this.capacity * PDQ_BYTES);
      if (previous) next.set(previous);
      this.bytes = next;
    }
    this.words = new Uint32Array(this.bytes.buffer, this.bytes.byteOffset, this.capacity * 8);
  }
}

function hexDigit(c: number): number {
  return c < 128 ? HEX[c] : -1;
}

function extend<T extends Float64Array | Uint32Array | Uint8Array>(a: T, length: number): T {
  const next = new (a.constructor as new (n: number) => T)(length);
  next.set(a);
  return next;
}
