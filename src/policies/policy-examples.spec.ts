import { FakeEmbedder } from '../../test/support/fake-embedder';
import { parsePolicyText } from './policy-parser';
import { validatePolicyText } from '../../test/support/validate-policy-text';
import { ExampleResolver, formatIssue } from './policy.types';

const doc = (policy: string) => `version: 1
name: ex
policies:
  - id: logo
    description: A banned logo
    severity: high
${policy}`;

const errors = (text: string) => parsePolicyText(text, 'p.yaml').issues.filter((i) => i.level === 'error').map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);

describe('example-image policies: parsing', () => {
  it('an example-only policy needs no prompts or scoring and uses example_thresholds', () => {
    const r = parsePolicyText(doc('    examples: [examples/a.png, "moderation:abc-123"]\n    example_thresholds: { flag: 0.8, block: 0.9 }\n'), 'p.yaml');
    expect(r.issues).toEqual([]);
    expect(r.policies[0]).toMatchObject({ prompts: [], scoring: 'similarity', thresholds: { flag: 0.8, block: 0.9 }, examples: ['examples/a.png', 'moderation:abc-123'] });
    expect(r.policies[0].examplePos[1]).toMatchObject({ line: 7, path: 'policies[0].examples[1]' });
  });

  it.each([
    ['    scoring: similarity\n', '4:5 policies[0]: a policy needs "prompts", "examples" or both'],
    ['    examples: [a.png]\n', '7:15 policies[0].examples: examples need "example_thresholds" (image-to-image cosine, e.g. { flag: 0.85 })'],
    ['    examples: [../secret.png]\n    example_thresholds: { flag: 0.9 }\n', '7:16 policies[0].examples[0]: example "../secret.png" must be a path inside the policy folder (no absolute paths, no "..")'],
    ['    examples: [/etc/passwd]\n    example_thresholds: { flag: 0.9 }\n', '7:16 policies[0].examples[0]: example "/etc/passwd" must be a path inside the policy folder (no absolute paths, no "..")'],
    ['    examples: ["moderation:a b"]\n    example_thresholds: { flag: 0.9 }\n', '7:16 policies[0].examples[0]: "moderation:a b" is not a moderation id (moderation:<id>)'],
    ['    examples: [a.png]\n    example_thresholds: { flag: 0.9, block: 0.8 }\n', '8:45 policies[0].example_thresholds.block: thresholds out of order: block 0.8 < flag 0.9 (need flag <= blur <= block)'],
    ['    examples: [a.png]\n    thresholds: { flag: 0.9 }\n    example_thresholds: { flag: 0.9 }\n', '8:17 policies[0].thresholds: a policy without prompts is scored by its examples: use "example_thresholds" (image-to-image cosine)'],
    ['    examples: [a.png]\n    example_thresholds: { flag: 0.9 }\n    calibration: { method: platt, a: 3, b: -1 }\n', '9:18 policies[0].calibration: calibration applies to prompt scores; this policy has no prompts'],
  ])('rejects %j', (policy, expected) => {
    expect(errors(doc(policy))).toEqual([expected]);
  });
});

describe('calibration in a document', () => {
  const withCal = (cal: string) => doc(`    prompts: [a logo]\n    scoring: similarity\n    thresholds: { flag: 0.5 }\n    calibration: ${cal}\n`);
  it('is carried into the resolved and compiled policy', async () => {
    const r = await validatePolicyText(withCal('{ method: platt, a: 12.5, b: -3, fitted: "2026-11-29 on 40 samples" }'), new FakeEmbedder());
    expect(r.errors).toEqual([]);
    expect(r.compiled!.policies[0].calibration).toEqual({ a: 12.5, b: -3 });
  });
  it('thresholds of a calibrated policy are probabilities', () => {
    const text = doc(`    prompts: [a logo]\n    scoring: similarity\n    thresholds: { flag: -0.2 }\n    calibration: { method: platt, a: 1, b: 0 }\n`);
    expect(errors(text)).toEqual(['9:25 policies[0].thresholds.flag: softmax scores are probabilities: flag must be in [0, 1] (got -0.2)']);
  });
  it('warns about a decreasing calibration and rejects an unknown method', () => {
    const w = parsePolicyText(withCal('{ method: platt, a: -2, b: 0 }'), 'p.yaml').issues.map(formatIssue);
    expect(w).toEqual([expect.stringContaining('calibration slope a = -2 is not positive')]);
    expect(errors(withCal('{ method: isotonic, a: 1, b: 0 }'))[0]).toMatch(/calibration.method: must be "platt"/);
  });
});

describe('example-image policies: compiling', () => {
  const text = doc('    examples: [examples/a.png, examples/missing.png]\n    example_thresholds: { flag: 0.8 }\n');
  it('embeds each example once through the resolver and rejects unusable ones with positions', async () => {
    const seen: string[][] = [];
    const resolver: ExampleResolver = async (refs) => {
      seen.push(refs);
      return refs.map((r) => (r.includes('missing') ? 'file not found' : Float32Array.from({ length: 64 }, (_, i) => (i === 0 ? 2 : 0))));
    };
    const bad = await validatePolicyText(text, new FakeEmbedder(), { examples: resolver });
    expect(bad.valid).toBe(false);
    expect(bad.errors.map(formatIssue)).toEqual(['input.yaml:7:32 policies[0].examples[1]: example "examples/missing.png": file not found']);
    const good = await validatePolicyText(doc('    examples: [examples/a.png]\n    example_thresholds: { flag: 0.8 }\n'), new FakeEmbedder(), { examples: resolver });
    expect(good.valid).toBe(true);
    const p = good.compiled!.policies[0];
    expect(p.examples!.map((e) => e.text)).toEqual(['examples/a.png']);
    expect(p.examples![0].vector[0]).toBeCloseTo(1, 6); // normalised
    expect(p.thresholds).toEqual({ flag: 0.8 });
    expect(seen[1]).toEqual(['examples/a.png']);
  });
  it('without a resolver, a set with examples is rejected rather than silently ignoring them', async () => {
    const r = await validatePolicyText(text, new FakeEmbedder());
    expect(r.valid).toBe(false);
    expect(r.errors[0].message).toMatch(/cannot be resolved/);
  });
});

describe('every error of a document at once (no phases)', () => {
  it('a schema error (missing description) does not hide a threshold-order error', () => {
    const text = 'version: 1\nname: ex\npolicies:\n  - id: a\n    prompts: [x]\n    scoring: similarity\n    severity: low\n    thresholds: { flag: 0.5, block: 0.2 }\n  - id: b\n    description: 3\n    prompts: [y, 7]\n    scoring: similarity\n    severity: low\n    thresholds: { flag: "high", blur: 0.9, block: 0.1 }\n';
    expect(errors(text)).toEqual([
      '4:5 policies[0].description: missing required field "description"',
      '10:18 policies[1].description: must be a string, got a number',
      '11:18 policies[1].prompts[1]: must be a string, got a number',
      '14:25 policies[1].thresholds.flag: must be a number, got a string',
      '8:37 policies[0].thresholds.block: thresholds out of order: block 0.2 < flag 0.5 (need flag <= blur <= block)',
      '14:51 policies[1].thresholds.block: thresholds out of order: block 0.1 < blur 0.9 (need flag <= blur <= block)',
    ]);
  });

  it('a ".." path error does not hide a "no stored moderation" error', async () => {
    const text = doc('    examples: [../secret.png, "moderation:gone", examples/a.png]\n    example_thresholds: { flag: 0.9 }\n');
    const resolver: ExampleResolver = async (refs) => refs.map((r) => (r === 'moderation:gone' ? 'no stored moderation with this id has an embedding' : new Float32Array(64)));
    const r = await validatePolicyText(text, new FakeEmbedder(), { examples: resolver });
    expect(r.errors.map(formatIssue)).toEqual([
      'input.yaml:7:16 policies[0].examples[0]: example "../secret.png" must be a path inside the policy folder (no absolute paths, no "..")',
      'input.yaml:7:31 policies[0].examples[1]: example "moderation:gone": no stored moderation with this id has an embedding',
    ]);
  });
});
