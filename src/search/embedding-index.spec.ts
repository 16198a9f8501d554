import { EmbeddingIndex } from './embedding-index';

function unit(v: number[]): Float32Array {
  const n = Math.hypot(...v);
  return Float32Array.from(v.map((x) => x / n));
}

function rand(dim: number, seed: number): Float32Array {
  let s = seed;
  const v = Array.from({ length: dim }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  });
  return unit(v);
}

describe.each([
  ['wasm-simd', true],
  ['js', false],
] as const)('EmbeddingIndex (%s)', (engine, useKernel) => {
  it('uses the engine asked for (SIMD needs dim % 16 == 0)', () => {
    expect(new EmbeddingIndex(16, 1, useKernel).engine).toBe(engine);
    expect(new EmbeddingIndex(24, 1, useKernel).engine).toBe('js');
    expect(new EmbeddingIndex(13, 1, useKernel).engine).toBe('js');
  });

  it('approximates cosine to within 0.01 and its top 40 holds the exact top 10 (random data, growing past capacity)', () => {
    const dim = useKernel ? 256 : 13; // 13: not a multiple of 4, exercises the JS tail loop
    const idx = new EmbeddingIndex(dim, 2, useKernel);
    const vecs: Float32Array[] = [];
    for (let i = 0; i < 3000; i++) {
      vecs.push(rand(dim, i + 1));
      idx.add(`r${i}`, vecs[i], { createdAt: i, decision: i % 2 ? 'flag' : 'allow', policies: i % 3 ? [] : ['weapons'] });
    }
    expect(idx.size).toBe(3000);
    for (const seed of [999, 1234, 4321]) {
      const q = rand(dim, seed);
      const dot = (a: Float32Array) => a.reduce((s, x, j) => s + x * q[j], 0);
      const exact = vecs.map((v, i) => ({ id: `r${i}`, score: dot(v) })).sort((a, b) => b.score - a.score);
      const got = idx.search(q, 40);
      expect(got).toHaveLength(40);
      for (let i = 1; i < got.length; i++) expect(got[i - 1].score).toBeGreaterThanOrEqual(got[i].score);
      const ids = new Set(got.map((h) => h.id));
      for (const e of exact.slice(0, 10)) expect(ids.has(e.id)).toBe(true);
      const exactOf = new Map(exact.map((e) => [e.id, e.score]));
      for (const h of got) expect(Math.abs(h.score - exactOf.get(h.id)!)).toBeLessThan(0.01);
    }
  });

  it('gives the same integer scores as the other engine', () => {
    const dim = 32;
    const a = new EmbeddingIndex(dim, 4, useKernel);
    const b = new EmbeddingIndex(dim, 4, !useKernel);
    for (let i = 0; i < 100; i++) {
      const v = rand(dim, i + 7);
      a.add(`r${i}`, v, { createdAt: i, decision: 'allow', policies: [] });
      b.add(`r${i}`, v, { createdAt: i, decision: 'allow', policies: [] });
    }
    const q = rand(dim, 77);
    expect(a.search(q, 100)).toEqual(b.search(q, 100));
  });

  it('applies filters and excludes the query row', () => {
    const dim = useKernel ? 16 : 2;
    const idx = new EmbeddingIndex(dim, 1, useKernel);
    const u = (v: number[]) => unit([...v, ...new Array(dim - v.length).fill(0)]);
    idx.add('a', u([1, 0]), { createdAt: 1, decision: 'block', policies: ['weapons'] });
    idx.add('b', u([1, 0.1]), { createdAt: 2, decision: 'allow', policies: [] });
    idx.add('c', u([0, 1]), { createdAt: 3, decision: 'block', policies: [] });
    expect(idx.search(u([1, 0]), 5, undefined, 'a').map((h) => h.id)).toEqual(['b', 'c']);
    expect(idx.search(u([1, 0]), 5, (m) => m.decision === 'block').map((h) => h.id)).toEqual(['a', 'c']);
    expect(idx.search(u([1, 0]), 5, (m) => m.policies.includes('weapons')).map((h) => h.id)).toEqual(['a']);
    expect(idx.search(u([1, 0]), 5, (m) => m.createdAt >= 2).map((h) => h.id)).toEqual(['b', 'c']);
    expect(idx.search(u([1, 0]), 1).map((h) => h.id)).toEqual(['a']);
  });

  it('accepts stored bytes, ignores duplicates and rejects the wrong dimension', () => {
    const idx = new EmbeddingIndex(3, 1, useKernel);
    const v = unit([1, 2, 3]);
    const bytes = Buffer.from(v.buffer.slice(0));
    expect(idx.add('x', bytes, { createdAt: 0, decision: 'allow', policies: [] })).toBe(true);
    expect(idx.add('x', v, { createdAt: 0, decision: 'allow', policies: [] })).toBe(false);
    const fromFloats = new EmbeddingIndex(3, 1, useKernel);
    fromFloats.add('x', v, { createdAt: 0, decision: 'allow', policies: [] });
    expect(idx.search(v, 1)).toEqual(fromFloats.search(v, 1));
    expect(idx.search(v, 1)[0].score).toBeCloseTo(1, 2);
    expect(() => idx.add('y', new Float32Array(4), { createdAt: 0, decision: 'allow', policies: [] })).toThrow(/dimension 3/);
    expect(() => idx.search(new Float32Array(2), 1)).toThrow(/dimension 3/);
  });
});
