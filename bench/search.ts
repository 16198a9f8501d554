/**
 * Exact image search, measured: 100k stored embeddings of 256 (the demo model) and 512 (CLIP
 * ViT-B/32) dimensions, ranked for one query, unfiltered and with a decision filter.
 * npm run bench:search [-- --rows 100000 --queries 50]
 */
import { performance } from 'perf_hooks';
import { EmbeddingIndex } from '../src/search/embedding-index';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

const ROWS = arg('rows', 100_000);
const QUERIES = arg('queries', 50);
const K = 20;

let seed = 42;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 4294967296 - 0.5;
};

function unit(dim: number): Float32Array {
  const v = new Float32Array(dim);
  let n = 0;
  for (let i = 0; i < dim; i++) n += (v[i] = rand()) ** 2;
  n = Math.sqrt(n);
  for (let i = 0; i < dim; i++) v[i] /= n;
  return v;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const DECISIONS = ['allow', 'allow', 'allow', 'flag', 'blur', 'block'];

const rows: string[] = [];
for (const [dim, useKernel] of [[256, true], [512, true], [512, false]] as const) {
  const t0 = performance.now();
  const index = new EmbeddingIndex(dim, 4096, useKernel);
  for (let i = 0; i < ROWS; i++) index.add(`r${i}`, unit(dim), { createdAt: i, decision: DECISIONS[i % DECISIONS.length], policies: i % 7 ? [] : ['weapons'] });
  const loadMs = performance.now() - t0;
  const queries = Array.from({ length: QUERIES + 5 }, () => unit(dim));
  for (const variant of ['all rows', 'decision=block filter'] as const) {
    const filter = variant === 'all rows' ? undefined : (m: { decision: string }) => m.decision === 'block';
    const times: number[] = [];
    queries.forEach((q, i) => {
      const s = performance.now();
      const hits = index.search(q, K, filter);
      const ms = performance.now() - s;
      if (hits.length !== K) throw new Error('wrong result count');
      if (i >= 5) times.push(ms); // the first few warm the JIT
    });
    rows.push(`| ${ROWS} x ${dim} | ${index.engine} | ${variant} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${Math.max(...times).toFixed(1)} | ${((ROWS * dim * 4) / 2 ** 20).toFixed(0)} MiB, built in ${(loadMs / 1000).toFixed(1)} s |`);
  }
}

console.log(`Exact search, top ${K}, ${QUERIES} queries each, Node ${process.version}, one thread\n`);
console.log('| embeddings | dot products | query | p50 ms | p95 ms | max ms | matrix |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
