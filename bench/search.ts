/**
 * Image search, measured: 100k stored embeddings of 256 (the demo model) and 512 (CLIP ViT-B/32)
 * dimensions in the int8 index, candidates for one query, unfiltered and with a decision filter; and
 * the recall of the final answer (candidates rescored with their float32 vectors) against brute force.
 * Times are the index pass only; the service adds one database read of the candidates' vectors.
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
  const exact: Float32Array[] = []; // what the database holds; the service rescores candidates from it
  for (let i = 0; i < ROWS; i++) {
    const v = unit(dim);
    exact.push(v);
    index.add(`r${i}`, v, { createdAt: i, decision: DECISIONS[i % DECISIONS.length], policies: i % 7 ? [] : ['weapons'] });
  }
  const loadMs = performance.now() - t0;
  const queries = Array.from({ length: QUERIES + 5 }, () => unit(dim));
  const dot = (a: Float32Array, b: Float32Array) => {
    let s = 0;
    for (let j = 0; j < a.length; j++) s += a[j] * b[j];
    return s;
  };
  for (const variant of ['all rows', 'decision=block filter'] as const) {
    const filter = variant === 'all rows' ? undefined : (m: { decision: string }) => m.decision === 'block';
    const times: number[] = [];
    let found = 0;
    let wanted = 0;
    queries.forEach((q, i) => {
      const s = performance.now();
      const candidates = index.search(q, K * 4, filter);
      const ms = performance.now() - s;
      if (candidates.length !== K * 4) throw new Error('wrong result count');
      if (i < 5) return; // the first few warm the JIT
      times.push(ms);
      // Recall of the service's answer (top K of the candidates by exact cosine) against brute force.
      const top = candidates.map((h) => ({ id: h.id, s: dot(exact[Number(h.id.slice(1))], q) })).sort((a, b) => b.s - a.s).slice(0, K);
      const truth = exact.map((v, r) => ({ r, s: dot(v, q) })).filter(({ r }) => !filter || filter({ decision: DECISIONS[r % DECISIONS.length] })).sort((a, b) => b.s - a.s).slice(0, K);
      const got = new Set(top.map((h) => h.id));
      wanted += K;
      found += truth.filter((t) => got.has(`r${t.r}`)).length;
    });
    rows.push(`| ${ROWS} x ${dim} | ${index.engine} | ${variant} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${Math.max(...times).toFixed(1)} | ${((found / wanted) * 100).toFixed(1)}% | ${(index.bytes / 2 ** 20).toFixed(0)} MiB (float32 would be ${((ROWS * dim * 4) / 2 ** 20).toFixed(0)}), built in ${(loadMs / 1000).toFixed(1)} s |`);
  }
}

console.log(`Search index: int8 rows, ${K * 4} candidates per query rescored exactly to the top ${K}; ${QUERIES} queries each, Node ${process.version}, one thread\n`);
console.log('| embeddings | dot products | query | p50 ms | p95 ms | max ms | recall@' + K + ' after rescoring | index memory |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
