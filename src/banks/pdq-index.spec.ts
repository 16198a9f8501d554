import { hamming } from './hamming';
import { PdqIndex } from './pdq-index';

let seed = 12345;
const byte = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed >>> 24;
};
const randomHash = () => Uint8Array.from({ length: 32 }, byte);
function flip(h: Uint8Array, bits: number[]): Uint8Array {
  const out = Uint8Array.from(h);
  for (const b of bits) out[b >> 3] ^= 1 << (b & 7);
  return out;
}
/** k distinct bit positions. */
function positions(k: number): number[] {
  const s = new Set<number>();
  while (s.size < k) s.add(byte());
  return [...s];
}

/** The exact answer: every stored hash within max, by brute force over hamming(). */
function bruteForce(stored: { id: number; bank: string; hash: Uint8Array }[], q: Uint8Array, max: number) {
  return stored
    .map((s) => ({ entryId: s.id, bankId: s.bank, distance: hamming(s.hash, q) }))
    .filter((m) => m.distance <= max)
    .sort((a, b) => a.distance - b.distance || a.entryId - b.entryId);
}

describe.each([
  ['WebAssembly SIMD', true],
  ['plain JS', false],
])('PdqIndex (%s scan)', (_name, useKernel) => {
  // Random hashes, plus clusters of near copies at every distance around 31, so the boundary is exercised.
  const stored: { id: number; bank: string; hash: Uint8Array }[] = [];
  const centres = Array.from({ length: 20 }, randomHash);
  for (let i = 0; i < 3000; i++) stored.push({ id: i + 1, bank: `b${i % 3}`, hash: randomHash() });
  centres.forEach((c, k) => {
    for (let d = 0; d <= 40; d++) stored.push({ id: 10_000 + k * 100 + d, bank: 'near', hash: flip(c, positions(d)) });
  });

  const build = () => {
    const index = new PdqIndex({ useKernel });
    for (const s of stored) index.add(s.id, s.bank, s.hash);
    return index;
  };

  it('runs the scan it was asked for', () => {
    expect(build().engine).toBe(useKernel ? 'wasm-simd' : 'js');
  });

  it('returns exactly what a brute-force scan returns, at several thresholds', () => {
    const index = build();
    const queries = [...centres, ...Array.from({ length: 10 }, randomHash), ...stored.slice(0, 5).map((s) => s.hash)];
    for (const max of [0, 10, 31, 40]) {
      for (const q of queries) expect(index.query(q, max)).toEqual(bruteForce(stored, q, max));
    }
    // The planted copies are found up to and including the threshold, not beyond.
    const hits = index.query(centres[0], 31).filter((m) => m.bankId === 'near');
    expect(hits.map((m) => m.distance)).toEqual(Array.from({ length: 32 }, (_, d) => d));
  });

  it('returns everything at distance 256 and refuses distances outside 0..256', () => {
    const index = build();
    const q = randomHash();
    expect(index.query(q, 256)).toHaveLength(stored.length);
    for (const bad of [-1, 257, 1.5, NaN]) expect(() => index.query(q, bad)).toThrow(RangeError);
  });

  it('removes entries softly, compacts, and keeps answering exactly', () => {
    const index = build();
    const removed = new Set<number>();
    // 1200 removals cross the compaction point (a quarter of the slots, at least 1024).
    for (const s of stored) if (s.id % 3 === 0 && removed.size < 1200) {
      expect(index.remove(s.id)).toBe(true);
      removed.add(s.id);
    }
    expect(index.remove([...removed][0])).toBe(false);
    expect(index.size).toBe(stored.length - removed.size);
    const live = stored.filter((s) => !removed.has(s.id));
    for (const q of [...centres.slice(0, 5), randomHash()]) expect(index.query(q, 31)).toEqual(bruteForce(live, q, 31));
    // An entry added after removals is found, and a removed one added back is found again.
    const back = stored.find((s) => removed.has(s.id))!;
    index.add(back.id, back.bank, back.hash);
    expect(index.query(back.hash, 0).map((m) => m.entryId)).toContain(back.id);
    expect(index.has(back.id)).toBe(true);
    // Out-of-order ids (no longer sorted) are still found for removal.
    expect(index.remove(back.id)).toBe(true);
    expect(index.query(back.hash, 0).map((m) => m.entryId)).not.toContain(back.id);
  });

  it('grows past its initial capacity and through many hits without losing any', () => {
    const index = new PdqIndex({ useKernel, capacity: 1 });
    const h = randomHash();
    // More hits than the kernel's hit buffer holds at once (8184).
    for (let i = 1; i <= 9000; i++) index.add(i, 'b', i % 2 ? h : flip(h, [i % 256]));
    const hits = index.query(h, 1);
    expect(hits).toHaveLength(9000);
    expect(hits.filter((m) => m.distance === 0)).toHaveLength(4500);
  });

  it('adds from hex exactly as from bytes, and refuses bad hashes', () => {
    const index = new PdqIndex({ useKernel });
    const h = randomHash();
    index.addHex(7, 'b', Buffer.from(h).toString('hex').toUpperCase());
    expect(index.query(h, 0)).toEqual([{ entryId: 7, bankId: 'b', distance: 0 }]);
    expect(() => index.addHex(8, 'b', 'zz'.repeat(32))).toThrow(RangeError);
    expect(() => index.addHex(8, 'b', 'ab')).toThrow(RangeError);
    expect(() => index.add(8, 'b', new Uint8Array(31))).toThrow(RangeError);
    expect(() => index.query(new Uint8Array(16))).toThrow(RangeError);
    expect(index.size).toBe(1);
  });
});
