import { readFileSync } from 'fs';
import * as path from 'path';
import { decide } from '../decisions/decide';
import { cosine } from '../decisions/scoring';
import { FakeEmbedder } from '../../test/support/fake-embedder';
import { NEUTRAL_CAPTIONS } from './near-duplicates';
import { compilePolicySet, ensemble, fillTemplate } from './policy-compiler';
import { POLICY_SET_SCHEMA } from './policy-schema';
import { loadPolicySet, policySetVersion } from './policy-set';
import { summarizePolicySet } from './policy-summary';
import { validatePolicyText } from '../../test/support/validate-policy-text';
import { PolicyEmbedder } from './policy.types';

const TEXT = `version: 1
name: demo
defaults:
  scoring: softmax
  severity: high
  thresholds: { flag: 0.3 }
  templates: ["an emoji of {}", "{}"]
  contrast: ["a smiling face"]
policies:
  - id: weapons
    description: Weapons
    prompts: ["a gun", "a knife"]
    contrast: ["a wrench"]
  - id: off
    description: Disabled
    enabled: false
    prompts: ["a gun"]
  - id: alcohol
    description: Alcohol
    mode: shadow
    prompts: ["beer"]
`;

function sourceOf(text: string) {
  const { set, issues } = loadPolicySet([{ name: 'p.yaml', text }]);
  if (!set) throw new Error(JSON.stringify(issues));
  return set;
}

describe('prompt ensembling', () => {
  it('fills every {} of a template', () => {
    expect(fillTemplate('an emoji of {}', 'a gun')).toBe('an emoji of a gun');
    expect(fillTemplate('{} or {}', 'x')).toBe('x or x');
  });
  it('averages normalised vectors and renormalises', () => {
    const v = ensemble([Float32Array.from([2, 0]), Float32Array.from([0, 0.5])]);
    expect(v[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(v[1]).toBeCloseTo(Math.SQRT1_2, 6);
  });
  it('does not mutate the embedder output (it may be a cache entry)', () => {
    const cached = Float32Array.from([3, 4]);
    ensemble([cached]);
    expect(Array.from(cached)).toEqual([3, 4]);
  });
});

describe('compilePolicySet', () => {
  it('embeds every template x prompt once, in one call, and skips disabled policies', async () => {
    const fake = new FakeEmbedder();
    const set = await compilePolicySet(sourceOf(TEXT), fake, { now: () => new Date('2026-01-01T00:00:00Z') });
    // Then, once per model and template list, the neutral captions that set the near-duplicate bound.
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[1]).toEqual(NEUTRAL_CAPTIONS.flatMap((c) => [`an emoji of ${c}`, c]));
    await compilePolicySet(sourceOf(TEXT), fake);
    expect(fake.calls).toHaveLength(3);
    expect(fake.calls[0]).toEqual([
      'an emoji of a gun', 'a gun', 'an emoji of a knife', 'a knife', 'an emoji of a wrench', 'a wrench',
      'an emoji of a smiling face', 'a smiling face', 'an emoji of beer', 'beer',
    ]);
    expect(set.promptCount).toBe(10);
    expect(set.compiledAt).toBe('2026-01-01T00:00:00.000Z');
    expect(set.modelId).toBe('fake-embedder');
    expect(set.policies.map((p) => [p.id, p.mode, p.contrast.map((c) => c.text)])).toEqual([
      ['weapons', 'enforce', ['a wrench', 'a smiling face']],
      ['alcohol', 'shadow', ['a smiling face']],
    ]);
    const gun = set.policies[0].prompts[0].vector;
    const expected = ensemble([fake.embed('an emoji of a gun'), fake.embed('a gun')]);
    expect(cosine(gun, expected)).toBeCloseTo(1, 6);
    expect(cosine(gun, gun)).toBeCloseTo(1, 5);
  });

  it('the compiled set drives decide(): an image equal to a prompt matches it', async () => {
    const fake = new FakeEmbedder();
    const set = await compilePolicySet(sourceOf(TEXT), fake);
    const image = set.policies[0].prompts[1].vector;
    const r = decide(image, set.policies, { logitScale: 100 });
    expect(r.policies[0]).toMatchObject({ policyId: 'weapons', matchedPrompt: 'a knife', action: 'flag' });
  });

  it('gives policies one vector per shared prompt, and decide() scores with it as before', async () => {
    const fake = new FakeEmbedder();
    const set = await compilePolicySet(sourceOf(TEXT), fake);
    const [weapons, alcohol] = set.policies;
    // "a smiling face" comes from defaults.contrast into both policies: the same vector object.
    expect(weapons.contrast[1].vector).toBe(alcohol.contrast[0].vector);
    // Each cosine computed per policy, the way decide() did before vectors were shared.
    const image = ensemble([fake.embed('a pistol'), fake.embed('a smiling face')]);
    const unshared = set.policies.map((p) => ({
      ...p,
      prompts: p.prompts.map((q) => ({ ...q, vector: Float32Array.from(q.vector) })),
      contrast: p.contrast.map((q) => ({ ...q, vector: Float32Array.from(q.vector) })),
    }));
    const open = (ps: typeof set.policies) => ps.map((p) => ({ ...p, scoring: 'contrastive' as const, thresholds: { flag: -1 } }));
    const shared = decide(image, open(set.policies), { logitScale: 100 });
    expect(shared).toEqual(decide(image, open(unshared), { logitScale: 100 }));
    expect(shared.policies[0].closestContrast).toBe('a smiling face');
  });

  it('warns about prompts the tokenizer truncates, at the prompt', async () => {
    const set = await compilePolicySet(sourceOf(TEXT), new FakeEmbedder(64, 3));
    const w = set.warnings.filter((x) => x.message.includes('truncated'));
    // A shared (defaults) contrast prompt is warned about once, not once per policy.
    expect(w.map((x) => [x.line, x.column, x.path])).toEqual([
      [12, 15, 'policies[0].prompts[0]'],
      [12, 24, 'policies[0].prompts[1]'],
      [13, 16, 'policies[0].contrast[0]'],
      [8, 14, 'defaults.contrast[0]'],
      [21, 15, 'policies[2].prompts[0]'],
    ]);
    expect(w[0].message).toBe('"an emoji of a gun" is longer than the text encoder\'s context and was truncated');
  });

  it('warns when prompts of different policies are near-duplicates', async () => {
    const text = TEXT.replace('prompts: ["beer"]', 'prompts: ["a gun"]');
    const set = await compilePolicySet(sourceOf(text), new FakeEmbedder(), { similarityWarnBound: 0.9 });
    const w = set.warnings.filter((x) => x.message.includes('very close'));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ line: 21, column: 15, path: 'policies[2].prompts[0]', level: 'warning' });
    expect(w[0].message).toMatch(/^prompt "a gun" \(alcohol\) is very close to "a gun" \(weapons\): cosine 1\.000 > 0\.9/);
    // Several close pairs between the same two policies: one warning, at the closest, with the count.
    const many = TEXT.replace('prompts: ["beer"]', 'prompts: ["a knife", "a gun"]');
    const agg = (await compilePolicySet(sourceOf(many), new FakeEmbedder(), { similarityWarnBound: 0.5 })).warnings.filter((x) => x.message.includes('very close'));
    expect(agg.filter((x) => x.message.includes('(alcohol) is very close to'))).toHaveLength(1);
    // The bound is the model's (from the neutral captions), as it lies above the 0.5 floor.
    expect(agg.find((x) => x.message.includes('(alcohol) is very close to'))!.message).toMatch(/^prompt "a gun" \(alcohol\) is very close to "a gun" \(weapons\): cosine 1\.000 > 0\.9\d+; .*\(2 prompt pairs of these two policies are above 0\.9\d+\)$/);
    const strict = await compilePolicySet(sourceOf(TEXT), new FakeEmbedder(), { similarityWarnBound: 0.99 });
    expect(strict.warnings.filter((x) => x.message.includes('very close'))).toEqual([]);
  });

  it('warns when a policy is closer to its contrast than to itself', async () => {
    // Axis-aligned fake: both prompts sit near the contrast prompt but far from each other.
    const vec: Record<string, number[]> = { a: [1, 0, 0], b: [0, 1, 0], c: [1, 1, 0.2] };
    const embedder: PolicyEmbedder = { tokenize: () => ({ truncated: false }), embedTexts: async (t) => t.map((s) => Float32Array.from(vec[s])) };
    const text = `version: 1\nname: x\npolicies:\n  - id: p\n    description: p\n    scoring: similarity\n    severity: low\n    thresholds: { flag: 0.2 }\n    prompts: [a, b]\n    contrast: [c]\n`;
    const set = await compilePolicySet(sourceOf(text), embedder);
    expect(set.warnings).toEqual([
      expect.objectContaining({ line: 4, column: 5, path: 'policies[0]', message: expect.stringMatching(/closer to its contrast prompts \(mean cosine 0\.700\) than to each other \(0\.000\)/) }),
    ]);
  });

  it('fails when the embedder returns the wrong number of vectors', async () => {
    const bad: PolicyEmbedder = { tokenize: () => ({ truncated: false }), embedTexts: async () => [] };
    await expect(compilePolicySet(sourceOf(TEXT), bad)).rejects.toThrow(/0 vectors for 10 texts/);
  });
});

describe('policy set version', () => {
  it('depends on names and contents, not on order', () => {
    const a = { name: 'a.yaml', text: 'x' };
    const b = { name: 'b.yaml', text: 'y' };
    expect(policySetVersion([a, b])).toBe(policySetVersion([b, a]));
    expect(policySetVersion([a, b])).not.toBe(policySetVersion([a, { ...b, text: 'z' }]));
    expect(policySetVersion([a])).not.toBe(policySetVersion([{ ...a, name: 'c.yaml' }]));
    expect(policySetVersion([a])).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('validatePolicyText and summary', () => {
  it('valid YAML compiles and summarises', async () => {
    const r = await validatePolicyText(TEXT, new FakeEmbedder());
    expect(r).toMatchObject({ valid: true, errors: [] });
    const s = summarizePolicySet(r.compiled!);
    expect(s.policies).toEqual([
      { id: 'weapons', description: 'Weapons', scoring: 'softmax', thresholds: { flag: 0.3 }, severity: 'high', mode: 'enforce', prompt_count: 2, contrast_count: 2, example_count: 0 },
      { id: 'alcohol', description: 'Alcohol', scoring: 'softmax', thresholds: { flag: 0.3 }, severity: 'high', mode: 'shadow', prompt_count: 1, contrast_count: 1, example_count: 0 },
    ]);
    expect(s).toMatchObject({ name: 'demo', prompt_count: 10, model_id: 'fake-embedder', version: r.compiled!.version });
    expect(s.compiled_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.stringify(s)).not.toContain('vector');
    // snake_case like the rest of the API, at every depth.
    const keys = (v: unknown): string[] => (v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [...(Array.isArray(v) ? [] : [k]), ...keys(x)]) : []);
    expect(keys(s).filter((k) => /[A-Z]/.test(k))).toEqual([]);
  });
  it('invalid JSON input reports positioned errors without embedding', async () => {
    const fake = new FakeEmbedder();
    const r = await validatePolicyText('{"version": 1, "name": "x", "policies": [{"id": "a"}]}', fake);
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => [e.line, e.column, e.path, e.message])).toEqual([
      [1, 42, 'policies[0].description', 'missing required field "description"'],
      // Reported together with the schema error, not after it is fixed.
      [1, 42, 'policies[0]', 'a policy needs "prompts", "examples" or both'],
      [1, 42, 'policies[0]', 'missing "severity": set it on the policy or in "defaults"'],
    ]);
    expect(fake.calls).toEqual([]);
  });
});

describe('policies/schema.json', () => {
  it('is the schema the loader validates with (regenerate it from policy-schema.ts)', () => {
    const file = JSON.parse(readFileSync(path.join(__dirname, '../../policies/schema.json'), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(POLICY_SET_SCHEMA)));
  });
});
