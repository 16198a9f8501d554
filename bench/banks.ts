/**
 * Hash banks, measured: 1 M random PDQ hashes (plus planted near-duplicates) in the linear-scan index
 * (WebAssembly SIMD and plain JS) and in multi-index hashing (16 substrings of 16 bits, 32 of 8 bits):
 * build time, memory, query p50/p99 at distance 31, recall of the planted copies, candidates per query
 * on random and on clustered data. With --store sqlite|postgres, also the bulk import of the entries
 * into the database and the load back into the index instead (bench/banks-store.ts; postgres needs
 * TEST_DATABASE_URL, a server where the user may create a database).
 * npm run bench:banks [-- --entries 1000000 --queries 200] [-- --store sqlite,postgres]
 */
import { performance } from 'perf_hooks';
import { PdqIndex } from '../src/banks/pdq-index';
import { MihIndex } from './pdq-mih';
import { benchStore } from './banks-store';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
}
const N = Number(arg('entries', '1000000'));
const QUERIES = Number(arg('queries', '200'));
const PLANTED = 100;
const MAX = 31;

let seed = 0x9e3779b9;
const next32 = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
};
function randomHash(): Uint8Array {
  const w = new Uint32Array(8);
  for (let i = 0; i < 8; i++) w[i] = next32();
  return new Uint8Array(w.buffer);
}
function flipBits(h: Uint8Array, k: number): Uint8Array {
  const out = Uint8Array.from(h);
  const bits = new Set<number>();
  while (bits.size < k) bits.add(next32() & 255);
  for (const b of bits) out[b >> 3] ^= 1 << (b & 7);
  return out;
}

const gc = (globalThis as { gc?: () => void }).gc;
function memory(): number {
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const ms = (x: number) => `${x.toFixed(2)} ms`;

/** Random data, or clustered: groups of 100 copies of one hash, each within 20 bits of it. */
function dataset(kind: 'random' | 'clustered'): Uint8Array[] {
  const hashes: Uint8Array[] = [];
  let centre = randomHash();
  for (let i = 0; i < N; i++) {
    if (kind === 'random') hashes.push(randomHash());
    else {
      if (i % 100 === 0) centre = randomHash();
      hashes.push(flipBits(centre, next32() % 21));
    }
  }
  return hashes;
}

interface Design {
  name: string;
  build(hashes: Uint8Array[]): void;
  query(q: Uint8Array): number[];
  candidates?(): number;
  /** Bytes of the structure itself (WebAssembly memory is not in process.memoryUsage's figures). */
  bytes(): number;
}

function scanDesign(useKernel: boolean): Design {
  let index: PdqIndex;
  return {
    name: useKernel ? 'scan, WebAssembly SIMD' : 'scan, plain JS',
    build(hashes) {
      index = new PdqIndex({ capacity: hashes.length, useKernel });
      hashes.forEach((h, i) => index.add(i, 'bank', h));
    },
    query: (q) => index.query(q, MAX).map((m) => m.entryId),
    bytes: () => index.reservedBytes,
  };
}
function mihDesign(chunks: 16 | 32): Design {
  let index: MihIndex;
  return {
    name: `multi-index hashing, ${chunks} x ${256 / chunks} bits`,
    build(hashes) {
      index = new MihIndex(chunks, hashes.length);
      for (const h of hashes) index.add(h);
    },
    query: (q) => index.query(q, MAX).map((m) => m.slot),
    candidates: () => index.lastCandidates,
    bytes: () => index.bytes,
  };
}

function run(kind: 'random' | 'clustered', designs: Design[]): void {
  const hashes = dataset(kind);
  // Planted: near copies of stored hashes at 0..31 bits, which every design must return.
  const planted = Array.from({ length: PLANTED }, (_, i) => {
    const target = (next32() % N) | 0;
    return { target, query: flipBits(hashes[target], i % (MAX + 1)) };
  });
  const queries = Array.from({ length: QUERIES }, (_, i) => (kind === 'random' ? randomHash() : flipBits(hashes[(next32() % N) | 0], i % 16)));
  console.log(`\n${kind} data, ${N} hashes, ${QUERIES} queries + ${PLANTED} planted near-duplicates, distance <= ${MAX}`);
  console.log('| design | build | structure | heap + array buffers | query p50 | query p99 | candidates p50 | recall of planted |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const d of designs) {
    const before = memory();
    let t = performance.now();
    d.build(hashes);
    const build = performance.now() - t;
    const used = memory() - before;
    const times: number[] = [];
    const cands: number[] = [];
    for (const q of queries) {
      t = performance.now();
      d.query(q);
      times.push(performance.now() - t);
      if (d.candidates) cands.push(d.candidates());
    }
    let found = 0;
    for (const p of planted) if (d.query(p.query).includes(p.target)) found++;
    console.log(`| ${d.name} | ${ms(build)} | ${mb(d.bytes())} | ${mb(used)} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 99))} | ${cands.length ? percentile(cands, 50) : 'all'} | ${found}/${PLANTED} |`);
    d.build([]); // release before the next design
  }
}

async function main(): Promise<void> {
  if (!gc) console.log('(run with node --expose-gc for memory figures: npm run bench:banks does)');
  const store = arg('store', '');
  if (store) {
    for (const kind of store.split(',')) await benchStore(kind as 'sqlite' | 'postgres', N);
    return;
  }
  const designs = () => [scanDesign(true), scanDesign(false), mihDesign(16), mihDesign(32)];
  run('random', designs());
  run('clustered', designs());
}

void main();
