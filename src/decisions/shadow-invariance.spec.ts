import { decide } from './decide';
import { CompiledPolicy, CompiledPrompt, ScoreMode, Thresholds } from './decision.types';
import { aggregateFrames } from './frames';

/**
 * Property: shadow policies never change what is enforced. Over generated policy sets (every scoring
 * mode, mixed sets, contrast prompts, example images, calibration, `only`), the enforced results,
 * decision and enforced reasons with shadow policies added are exactly those without them.
 * The generator is seeded so a failure names a reproducible case.
 */
const DIM = 24;

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
  };
}
type Rng = ReturnType<typeof rng>;

/** A unit vector near `toward` (CLIP text vectors sit close together): mix of it and noise. */
function unit(r: Rng, toward?: Float32Array, closeness = 0): Float32Array {
  const v = new Float32Array(DIM);
  for (let i = 0; i < DIM; i++) v[i] = r.next() * 2 - 1 + (toward ? closeness * toward[i] : 0);
  const n = Math.hypot(...v);
  for (let i = 0; i < DIM; i++) v[i] /= n;
  return v;
}

function thresholds(r: Rng, mode: ScoreMode): Thresholds {
  const [lo, hi] = mode === 'softmax' ? [0.05, 0.95] : [-0.1, 0.6];
  const xs = [0, 1, 2].map(() => lo + r.next() * (hi - lo)).sort((a, b) => a - b);
  const t: Thresholds = {};
  if (r.next() < 0.8) t.flag = xs[0];
  if (r.next() < 0.5) t.blur = xs[1];
  if (r.next() < 0.8 || (!t.flag && !t.blur)) t.block = xs[2];
  return t;
}

function policy(r: Rng, id: string, scoring: ScoreMode, mode: 'enforce' | 'shadow', image: Float32Array): CompiledPolicy {
  const prompts = (n: number, tag: string): CompiledPrompt[] =>
    Array.from({ length: n }, (_, j) => ({ text: `${tag}${j}`, vector: unit(r, image, r.next() * 3) }));
  const examples = r.next() < 0.2 ? prompts(1 + r.int(2), `${id}-ex`) : undefined;
  return {
    id,
    description: id,
    severity: 'high',
    mode,
    scoring,
    thresholds: thresholds(r, scoring),
    // Now and then a policy with no prompts at all (examples only, or nothing).
    prompts: prompts(r.next() < 0.1 ? 0 : 1 + r.int(4), `${id}-p`),
    contrast: prompts(r.int(3), `${id}-c`),
    examples,
    exampleThresholds: examples && r.next() < 0.7 ? thresholds(r, 'similarity') : undefined,
    calibration: r.next() < 0.2 ? { a: -(5 + r.next() * 20), b: r.next() * 4 - 2 } : null,
  };
}

/** Shadow policies inserted at random positions, with prompts often closer to the image than any enforced one. */
function withShadows(r: Rng, enforced: CompiledPolicy[], scoringOf: () => ScoreMode, image: Float32Array): CompiledPolicy[] {
  const out = [...enforced];
  const n = 1 + r.int(3);
  for (let k = 0; k < n; k++) out.splice(r.int(out.length + 1), 0, policy(r, `shadow${k}`, scoringOf(), 'shadow', image));
  return out;
}

const enforcedView = (d: ReturnType<typeof decide>) => ({
  decision: d.decision,
  policies: d.policies,
  reasons: d.reasons.filter((x) => !x.endsWith('[shadow]')),
});

const MODES: (ScoreMode | 'mixed')[] = ['similarity', 'softmax', 'contrastive', 'mixed'];

describe.each(MODES)('shadow policies never change enforced decisions: %s scoring', (mode) => {
  it('over 250 generated policy sets and images', () => {
    const r = rng(0x5eed + MODES.indexOf(mode));
    const scoringOf = () => (mode === 'mixed' ? r.pick(['similarity', 'softmax', 'contrastive'] as const) : mode);
    let nonAllow = 0;
    for (let trial = 0; trial < 250; trial++) {
      const image = unit(r);
      const enforced = Array.from({ length: 1 + r.int(5) }, (_, k) => policy(r, `p${k}`, scoringOf(), 'enforce', image));
      const all = withShadows(r, enforced, scoringOf, image);
      const logitScale = r.pick([1, 10, 100]);
      const without = decide(image, enforced, { logitScale });
      const withShadow = decide(image, all, { logitScale });
      expect({ trial, ...enforcedView(withShadow) }).toEqual({ trial, ...enforcedView(without) });
      expect(withShadow.shadow.map((s) => s.policyId).sort()).toEqual(all.filter((p) => p.mode === 'shadow').map((p) => p.id).sort());
      if (without.decision !== 'allow') nonAllow++;

      const only = enforced.filter(() => r.next() < 0.5).map((p) => p.id);
      expect(enforcedView(decide(image, all, { logitScale, only }))).toEqual(enforcedView(decide(image, enforced, { logitScale, only })));

      const frames = [image, unit(r, image, 2)];
      const agg = (ps: CompiledPolicy[]) => aggregateFrames(frames.map((f) => decide(f, ps, { logitScale })));
      expect(enforcedView(agg(all))).toEqual(enforcedView(agg(enforced)));
    }
    // The generator must reach non-trivial decisions, or the property says nothing.
    expect(nonAllow).toBeGreaterThan(25);
  });
});
