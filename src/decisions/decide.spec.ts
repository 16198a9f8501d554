import { decide } from './decide';
import { CompiledPolicy, CompiledPrompt, DecisionResult } from './decision.types';
import { aggregateFrames } from './frames';
import { actionFor, cosine, mostSevere, softmaxShare } from './scoring';


/** Test helpers: unit vectors with an exact, chosen cosine to the image axis e0. */
const DIM = 16;

function axis(k: number): Float32Array {
  const v = new Float32Array(DIM);
  v[k] = 1;
  return v;
}

/** A unit vector whose cosine with e0 is `c`; `k` (>= 1) picks the orthogonal direction. */
function at(c: number, k: number): Float32Array {
  const v = new Float32Array(DIM);
  v[0] = c;
  v[k] = Math.sqrt(Math.max(0, 1 - c * c));
  return v;
}

let next = 1;
function prompt(text: string, c: number): CompiledPrompt {
  next = (next % (DIM - 1)) + 1;
  return { text, vector: at(c, next) };
}

function policy(over: Partial<CompiledPolicy> & { id: string }): CompiledPolicy {
  return {
    description: over.id,
    severity: 'high',
    mode: 'enforce',
    scoring: 'similarity',
    thresholds: { flag: 0.2, blur: 0.25, block: 0.3 },
    prompts: [],
    contrast: [],
    ...over,
  };
}

const image = axis(0);
const T = { flag: 0.2, blur: 0.25, block: 0.3 };

describe('cosine', () => {
  it('is the dot product of normalised vectors', () => {
    expect(cosine(axis(0), axis(0))).toBeCloseTo(1, 6);
    expect(cosine(axis(0), axis(1))).toBe(0);
    expect(cosine(image, at(0.37, 3))).toBeCloseTo(0.37, 6);
  });
  it('rejects vectors of different dimension', () => {
    expect(() => cosine(new Float32Array(3), new Float32Array(4))).toThrow(/dimension/);
  });
});

describe('actionFor: each boundary is inclusive', () => {
  it.each([
    [0.1999, 'allow'],
    [0.2, 'flag'],
    [0.2499, 'flag'],
    [0.25, 'blur'],
    [0.2999, 'blur'],
    [0.3, 'block'],
    [0.9, 'block'],
  ] as const)('score %p -> %s', (score, action) => {
    expect(actionFor(score, T)).toBe(action);
  });
  it.each([
    [{ block: 0.5 }, 0.49, 'allow'],
    [{ block: 0.5 }, 0.5, 'block'],
    [{ flag: 0.1, block: 0.5 }, 0.3, 'flag'],
    [{ blur: 0.4 }, 0.45, 'blur'],
    [{ flag: 0.3, blur: 0.3 }, 0.3, 'blur'], // equal thresholds: the more severe wins
  ] as const)('partial thresholds %j at %p -> %s', (t, score, action) => {
    expect(actionFor(score, t)).toBe(action);
  });
});

describe('mostSevere', () => {
  it.each([
    [[], 'allow'],
    [['allow', 'flag'], 'flag'],
    [['blur', 'flag', 'allow'], 'blur'],
    [['flag', 'block', 'blur'], 'block'],
  ] as const)('%j -> %s', (actions, expected) => {
    expect(mostSevere(actions)).toBe(expected);
  });
});

describe('softmaxShare', () => {
  it('shares of a partition sum to 1', () => {
    const a = [0.3, 0.1];
    const b = [0.25];
    const c = [0.2, 0.05];
    const sa = softmaxShare(a, [...b, ...c], 100);
    const sb = softmaxShare(b, [...a, ...c], 100);
    const sc = softmaxShare(c, [...a, ...b], 100);
    expect(sa + sb + sc).toBeCloseTo(1, 10);
    expect(sa).toBeGreaterThan(sb);
  });
  it('does not overflow with a large logit scale', () => {
    expect(softmaxShare([1], [0.9], 1000)).toBeCloseTo(1, 10);
    expect(Number.isFinite(softmaxShare([-1], [1], 1000))).toBe(true);
  });
  it('equal logits split evenly', () => {
    expect(softmaxShare([0.2], [0.2, 0.2, 0.2], 100)).toBeCloseTo(0.25, 10);
  });
});

describe('decide: contrastive scoring', () => {
  const weapons = (lookAlike: number) =>
    policy({ id: 'weapons', scoring: 'contrastive', prompts: [prompt('a gun', 0.31), prompt('a knife', 0.12)], contrast: [prompt('a hammer', 0.05), prompt('a wrench', lookAlike)] });
  it('is the similarity when no contrast prompt beats the matched prompt, and reports the closest one', () => {
    const r = decide(image, [weapons(0.2)], { logitScale: 100 });
    expect(r.policies[0]).toMatchObject({ action: 'block', matchedPrompt: 'a gun', closestContrast: 'a wrench' });
    expect(r.policies[0].score).toBeCloseTo(0.31, 6);
    expect(r.policies[0].contrastSimilarity).toBeCloseTo(0.2, 6);
    expect(r.reasons).toEqual(['weapons: score 0.31 >= block 0.3 (matched "a gun")']);
  });
  it('lowers the score by how far a look-alike beats the matched prompt, and says so', () => {
    const r = decide(image, [weapons(0.35)], { logitScale: 100 });
    // 0.31 - (0.35 - 0.31) = 0.27: blur instead of block
    expect(r.policies[0].score).toBeCloseTo(0.27, 6);
    expect(r.decision).toBe('blur');
    expect(r.reasons).toEqual(['weapons: score 0.27 >= blur 0.25 (matched "a gun"; look-alike "a wrench" 0.35 lowered it from 0.31)']);
  });
  it('a clear look-alike allows the image that similarity scoring would block', () => {
    const similarity = decide(image, [{ ...weapons(0.9), scoring: 'similarity' }], { logitScale: 100 });
    const contrastive = decide(image, [weapons(0.9)], { logitScale: 100 });
    expect([similarity.decision, contrastive.decision]).toEqual(['block', 'allow']);
    expect(contrastive.policies[0].score).toBeCloseTo(-0.28, 6);
  });
  it('without contrast prompts it is plain similarity', () => {
    const r = decide(image, [policy({ id: 'w', scoring: 'contrastive', prompts: [prompt('a gun', 0.26)] })], { logitScale: 100 });
    expect(r.policies[0].score).toBeCloseTo(0.26, 6);
    expect(r.policies[0].closestContrast).toBeUndefined();
  });
});

describe('decide: similarity scoring', () => {
  const weapons = policy({
    id: 'weapons',
    prompts: [prompt('a gun', 0.31), prompt('a knife', 0.12)],
    contrast: [prompt('a wrench', 0.9)], // ignored by similarity scoring
  });
  it('scores the max cosine and reports the matched prompt', () => {
    const r = decide(image, [weapons], { logitScale: 100 });
    expect(r.decision).toBe('block');
    expect(r.policies[0].score).toBeCloseTo(0.31, 6);
    expect(r.policies[0].matchedPrompt).toBe('a gun');
    expect(r.policies[0].matchedSimilarity).toBeCloseTo(0.31, 6);
    expect(r.reasons).toEqual(['weapons: score 0.31 >= block 0.3 (matched "a gun")']);
  });
  it('the decision is the most severe across enforced policies', () => {
    const alcohol = policy({ id: 'alcohol', thresholds: { flag: 0.2 }, prompts: [prompt('beer', 0.26)] });
    const gambling = policy({ id: 'gambling', prompts: [prompt('dice', 0.26)] });
    const r = decide(image, [alcohol, gambling], { logitScale: 100 });
    expect(r.policies.map((p) => [p.policyId, p.action])).toEqual([
      ['alcohol', 'flag'],
      ['gambling', 'blur'],
    ]);
    expect(r.decision).toBe('blur');
  });
  it('allows with no reasons when nothing reaches a threshold', () => {
    const r = decide(image, [policy({ id: 'x', prompts: [prompt('p', 0.1)] })], { logitScale: 100 });
    expect(r).toMatchObject({ decision: 'allow', reasons: [] });
  });
  it('on a tie between prompts the first listed prompt is the evidence', () => {
    const p = policy({ id: 't', prompts: [prompt('first', 0.22), prompt('second', 0.22)] });
    expect(decide(image, [p], { logitScale: 100 }).policies[0].matchedPrompt).toBe('first');
  });
  it('a policy without prompts allows', () => {
    const r = decide(image, [policy({ id: 'empty', thresholds: { flag: -1 } })], { logitScale: 100 });
    expect(r.policies[0]).toMatchObject({ action: 'allow', matchedPrompt: null });
  });
});

describe('decide: shadow and only', () => {
  const enforced = policy({ id: 'weapons', prompts: [prompt('a gun', 0.21)] });
  const shadow = policy({ id: 'nudity', mode: 'shadow', prompts: [prompt('nude', 0.5)] });
  it('a shadow policy is scored but never changes the decision', () => {
    const r = decide(image, [enforced, shadow], { logitScale: 100 });
    expect(r.decision).toBe('flag');
    expect(r.policies.map((p) => p.policyId)).toEqual(['weapons']);
    expect(r.shadow).toHaveLength(1);
    expect(r.shadow[0]).toMatchObject({ policyId: 'nudity', action: 'block', mode: 'shadow' });
    expect(r.reasons).toContain('nudity: score 0.5 >= block 0.3 (matched "nude") [shadow]');
  });
  it('a shadow-only set always allows', () => {
    expect(decide(image, [shadow], { logitScale: 100 }).decision).toBe('allow');
  });
  it('only restricts the evaluated policies', () => {
    const r = decide(image, [enforced, shadow], { logitScale: 100, only: ['nudity'] });
    expect(r.policies).toEqual([]);
    expect(r.shadow.map((p) => p.policyId)).toEqual(['nudity']);
    expect(r.decision).toBe('allow');
    expect(decide(image, [enforced, shadow], { logitScale: 100, only: [] }).policies).toEqual([]);
  });
});

describe('decide: softmax scoring', () => {
  const soft = (over: Partial<CompiledPolicy> & { id: string }) =>
    policy({ scoring: 'softmax', thresholds: { flag: 0.3, blur: 0.5, block: 0.8 }, ...over });
  const weapons = soft({ id: 'weapons', prompts: [prompt('a gun', 0.3), prompt('a knife', 0.2)], contrast: [prompt('a wrench', 0.25)] });
  const drugs = soft({ id: 'drugs', prompts: [prompt('a pill', 0.28)], contrast: [prompt('a vitamin', 0.1)] });

  it('is the probability mass on own prompts vs contrast and other policies', () => {
    const r = decide(image, [weapons, drugs], { logitScale: 100 });
    const e = (c: number) => Math.exp(100 * c);
    const expected = (e(0.3) + e(0.2)) / (e(0.3) + e(0.2) + e(0.25) + e(0.28));
    expect(r.policies[0].score).toBeCloseTo(expected, 6);
    expect(r.policies[0].matchedPrompt).toBe('a gun');
    expect(r.policies[0].matchedSimilarity).toBeCloseTo(0.3, 6);
  });
  it('other policies contrast prompts are not competitors', () => {
    const without = decide(image, [weapons, { ...drugs, contrast: [] }], { logitScale: 100 });
    const withC = decide(image, [weapons, drugs], { logitScale: 100 });
    expect(withC.policies[0].score).toBeCloseTo(without.policies[0].score, 10);
  });
  it('when no policy has contrast prompts, scores over the enforced policies sum to 1', () => {
    const a = soft({ id: 'a', prompts: [prompt('a1', 0.3), prompt('a2', 0.1)] });
    const b = soft({ id: 'b', prompts: [prompt('b1', 0.27)] });
    const c = soft({ id: 'c', mode: 'shadow', prompts: [prompt('c1', 0.2)] });
    const r = decide(image, [a, b, c], { logitScale: 50 });
    const sum = r.policies.reduce((s, p) => s + p.score, 0);
    expect(sum).toBeCloseTo(1, 6);
  });
  it('a shadow policy is scored against the enforced prompts and its own contrast, never moving them', () => {
    const shadow = soft({ id: 'trial', mode: 'shadow', prompts: [prompt('a sword', 0.35)], contrast: [prompt('a shield', 0.1)] });
    const other = soft({ id: 'trial2', mode: 'shadow', prompts: [prompt('a spear', 0.4)] });
    const alone = decide(image, [weapons, drugs], { logitScale: 100 });
    const r = decide(image, [weapons, shadow, drugs, other], { logitScale: 100 });
    expect(r.policies).toEqual(alone.policies);
    expect(r.decision).toBe(alone.decision);
    const e = (c: number) => Math.exp(100 * c);
    const enforced = e(0.3) + e(0.2) + e(0.28);
    // Its own prompts and contrast, every enforced prompt, and not the other shadow policy's.
    expect(r.shadow[0].score).toBeCloseTo(e(0.35) / (e(0.35) + enforced + e(0.1)), 6);
    expect(r.shadow[1].score).toBeCloseTo(e(0.4) / (e(0.4) + enforced), 6);
  });
  it('the logit scale sharpens the distribution', () => {
    const lo = decide(image, [weapons, drugs], { logitScale: 10 }).policies[0].score;
    const hi = decide(image, [weapons, drugs], { logitScale: 100 }).policies[0].score;
    expect(hi).toBeGreaterThan(lo);
  });
  it('only does not change scores: every policy still competes', () => {
    const all = decide(image, [weapons, drugs], { logitScale: 100 });
    const one = decide(image, [weapons, drugs], { logitScale: 100, only: ['drugs'] });
    expect(one.policies.map((p) => p.policyId)).toEqual(['drugs']);
    expect(one.policies[0].score).toBeCloseTo(all.policies[1].score, 10);
  });
  it('a single policy without competitors scores 1', () => {
    const r = decide(image, [soft({ id: 'solo', prompts: [prompt('x', 0.01)] })], { logitScale: 100 });
    expect(r.policies[0].score).toBe(1);
    expect(r.decision).toBe('block');
  });
});

describe('decide: a set scored image after image', () => {
  it('gives an image the same result whatever was scored before it with the same set (buffers are reused)', () => {
    const shared = prompt('a face', 0.1);
    const policies = [
      policy({ id: 'a', scoring: 'contrastive', prompts: [prompt('a gun', 0.3)], contrast: [shared] }),
      policy({ id: 'b', scoring: 'softmax', thresholds: { flag: 0.5 }, prompts: [prompt('beer', 0.2)], contrast: [shared, prompt('milk', 0.25)] }),
    ];
    const other = at(-0.4, 5);
    const first = decide(image, policies, { logitScale: 100 });
    const between = decide(other, policies, { logitScale: 100 });
    expect(decide(image, policies, { logitScale: 100 })).toEqual(first);
    expect(between).not.toEqual(first);
    expect(first.policies[0]).toMatchObject({ matchedSimilarity: expect.closeTo(0.3, 6), contrastSimilarity: expect.closeTo(0.1, 6) });
  });
});

describe('aggregateFrames', () => {
  const weapons = (c: number) => policy({ id: 'weapons', prompts: [prompt('a gun', c)] });
  const drugs = (c: number) => policy({ id: 'drugs', prompts: [prompt('a pill', c)] });
  const frame = (w: number, d: number): DecisionResult => decide(image, [weapons(w), drugs(d)], { logitScale: 100 });

  it('takes the most severe frame per policy and names it', () => {
    const r = aggregateFrames([frame(0.1, 0.21), frame(0.32, 0.1), frame(0.26, 0.22)]);
    expect(r.decision).toBe('block');
    expect(r.frameCount).toBe(3);
    expect(r.policies.map((p) => [p.policyId, p.action, p.frame])).toEqual([
      ['weapons', 'block', 1],
      ['drugs', 'flag', 2],
    ]);
    expect(r.reasons).toEqual([
      'weapons: score 0.32 >= block 0.3 (matched "a gun" in frame 1)',
      'drugs: score 0.22 >= flag 0.2 (matched "a pill" in frame 2)',
    ]);
  });
  it('ties: same action picks the higher score, a full tie picks the earliest frame', () => {
    const r = aggregateFrames([frame(0.21, 0.1), frame(0.23, 0.1), frame(0.23, 0.1)]);
    expect(r.policies[0]).toMatchObject({ action: 'flag', frame: 1 });
    expect(r.policies[1]).toMatchObject({ action: 'allow', frame: 0 });
  });
  it('a single frame equals decide() and does not mention frames', () => {
    const one = frame(0.3, 0.1);
    const r = aggregateFrames([one]);
    expect(r.decision).toBe(one.decision);
    expect(r.reasons).toEqual(one.reasons);
  });
  it('shadow results aggregate without changing the decision', () => {
    const s = policy({ id: 's', mode: 'shadow', prompts: [prompt('x', 0.4)] });
    const r = aggregateFrames([decide(image, [weapons(0.1), s], { logitScale: 100 })]);
    expect(r.decision).toBe('allow');
    expect(r.shadow[0]).toMatchObject({ policyId: 's', action: 'block', frame: 0 });
  });
  it('rejects an empty frame list', () => {
    expect(() => aggregateFrames([])).toThrow(/no frames/);
  });
  it('keeps every sampled frame with each enforced policy\'s score and action (animations only)', () => {
    const s = policy({ id: 's', mode: 'shadow', prompts: [prompt('x', 0.4)] });
    const f = (w: number, d: number) => decide(image, [weapons(w), drugs(d), s], { logitScale: 100 });
    const r = aggregateFrames([f(0.1, 0.21), f(0.32, 0.1), f(0.26, 0.22)], [0, 49, 99]);
    const rows = r.frames!.map((fr) => [fr.frame, fr.policies.map((p) => [p.policyId, +p.score.toFixed(6), p.action])]);
    expect(rows).toEqual([
      [0, [['weapons', 0.1, 'allow'], ['drugs', 0.21, 'flag']]],
      [49, [['weapons', 0.32, 'block'], ['drugs', 0.1, 'allow']]],
      [99, [['weapons', 0.26, 'blur'], ['drugs', 0.22, 'flag']]],
    ]);
    // The aggregate is the worst of these rows, per policy.
    for (const p of r.policies) {
      const best = Math.max(...r.frames!.map((fr) => fr.policies.find((x) => x.policyId === p.policyId)!.score));
      expect(p.score).toBe(best);
      expect(r.frames!.find((fr) => fr.frame === p.frame)!.policies.find((x) => x.policyId === p.policyId)!.score).toBe(p.score);
    }
  });
  it('a single frame carries no per-frame list', () => {
    expect(aggregateFrames([frame(0.3, 0.1)]).frames).toBeUndefined();
  });
  it('names the animation frame, not the sample index, when frames were sampled', () => {
    const r = aggregateFrames([frame(0.1, 0.21), frame(0.32, 0.1), frame(0.26, 0.22)], [0, 49, 99]);
    expect(r.policies.map((p) => p.frame)).toEqual([49, 99]);
    expect(r.reasons[0]).toMatch(/in frame 49\)$/);
  });
});

describe('decide: softmax equals the reference softmaxShare over the candidate list', () => {
  // Candidates: own contrast plus every other enforced policy's prompts. Random sets, including contrast prompts that beat every prompt and a huge logit scale.
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  it.each([10, 100, 1000])('logit scale %p', (scale) => {
    for (let trial = 0; trial < 20; trial++) {
      const ps = Array.from({ length: 4 }, (_, k) =>
        policy({
          id: `p${k}`,
          scoring: 'softmax',
          mode: k === 3 ? 'shadow' : 'enforce',
          prompts: Array.from({ length: 1 + (k % 3) }, (_, j) => prompt(`p${k}-${j}`, rand() * 0.6 - 0.2)),
          contrast: Array.from({ length: k % 2 ? 2 : 0 }, (_, j) => prompt(`c${k}-${j}`, rand() * 0.9 - 0.1)),
        }),
      );
      const r = decide(image, ps, { logitScale: scale });
      const cosOf = (q: CompiledPrompt) => cosine(image, q.vector);
      for (const res of [...r.policies, ...r.shadow]) {
        const k = ps.findIndex((p) => p.id === res.policyId);
        const own = ps[k].prompts.map(cosOf);
        const others = [...ps[k].contrast.map(cosOf), ...ps.filter((p, j) => j !== k && p.mode !== 'shadow').flatMap((p) => p.prompts.map(cosOf))];
        expect(res.score).toBeCloseTo(softmaxShare(own, others, scale), 9);
        expect(Number.isFinite(res.score)).toBe(true);
      }
    }
  });
});

describe('decide: example images', () => {
  const ex = (name: string, c: number) => ({ text: name, vector: at(c, 15) });
  it('an example-only policy is scored by its best image-to-image cosine', () => {
    const p = policy({ id: 'logo', thresholds: { flag: 0.8, block: 0.95 }, examples: [ex('a.png', 0.5), ex('b.png', 0.96)] });
    const r = decide(image, [p], { logitScale: 100 });
    expect(r.decision).toBe('block');
    expect(r.policies[0]).toMatchObject({ matchedPrompt: null, matchedExample: 'b.png', actedOn: 'examples' });
    expect(r.policies[0].score).toBeCloseTo(0.96, 6);
    expect(r.reasons).toEqual(['logo: example similarity 0.96 >= block 0.95 (matched example "b.png")']);
  });
  it('with prompts, the example thresholds can raise the action but never lower it', () => {
    const base = { id: 'weapons', prompts: [prompt('a gun', 0.21)], exampleThresholds: { block: 0.9 } };
    const low = decide(image, [policy({ ...base, examples: [ex('x.png', 0.5)] })], { logitScale: 100 }).policies[0];
    expect(low).toMatchObject({ action: 'flag', actedOn: 'score', matchedExample: 'x.png' });
    expect(low.exampleScore).toBeCloseTo(0.5, 6);
    const high = decide(image, [policy({ ...base, examples: [ex('x.png', 0.93)] })], { logitScale: 100 });
    expect(high.policies[0]).toMatchObject({ action: 'block', actedOn: 'examples' });
    expect(high.policies[0].score).toBeCloseTo(0.21, 6); // the prompt score is still reported
    expect(high.reasons[0]).toMatch(/^weapons: example similarity 0.93 >= block 0.9/);
  });
  it('example-only policies take no part in softmax competition', () => {
    const a = policy({ id: 'a', scoring: 'softmax', thresholds: { flag: 0.5 }, prompts: [prompt('a1', 0.3)] });
    const b = policy({ id: 'b', scoring: 'softmax', thresholds: { flag: 0.5 }, prompts: [prompt('b1', 0.2)] });
    const e = policy({ id: 'e', thresholds: { flag: 0.9 }, examples: [ex('e.png', 0.99)] });
    const without = decide(image, [a, b], { logitScale: 100 }).policies[0].score;
    expect(decide(image, [a, b, e], { logitScale: 100 }).policies[0].score).toBeCloseTo(without, 12);
  });
});

describe('decide: calibration', () => {
  it('maps the raw score through the Platt curve and compares the probability with the thresholds', () => {
    const p = policy({ id: 'w', thresholds: { flag: 0.5 }, prompts: [prompt('a gun', 0.3)], calibration: { a: 20, b: -5 } });
    const r = decide(image, [p], { logitScale: 100 }).policies[0];
    expect(r.rawScore).toBeCloseTo(0.3, 6);
    expect(r.score).toBeCloseTo(1 / (1 + Math.exp(-(20 * 0.3 - 5))), 6);
    expect(r.action).toBe('flag');
    const off = decide(image, [policy({ ...p, calibration: { a: 20, b: -7 } })], { logitScale: 100 }).policies[0];
    expect(off.score).toBeLessThan(0.5);
    expect(off.action).toBe('allow');
  });
  it('an uncalibrated policy reports no raw score', () => {
    expect(decide(image, [policy({ id: 'w', prompts: [prompt('a gun', 0.3)] })], { logitScale: 100 }).policies[0].rawScore).toBeUndefined();
  });
});
