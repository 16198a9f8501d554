import { parsePolicyText } from './policy-parser';
import { formatIssue, PolicyIssue } from './policy.types';

const pick = (i: PolicyIssue) => ({ line: i.line, column: i.column, path: i.path, level: i.level, message: i.message });
const errorsOf = (text: string) => parsePolicyText(text, 'p.yaml').issues.filter((i) => i.level === 'error').map(pick);
const warningsOf = (text: string) => parsePolicyText(text, 'p.yaml').issues.filter((i) => i.level === 'warning').map(pick);

const VALID = `version: 1
name: demo
defaults:
  scoring: softmax
  severity: high
  templates: ["an emoji of {}", "{}"]
  thresholds: { flag: 0.3, block: 0.8 }
policies:
  - id: weapons
    description: Weapons
    prompts: ["a gun", "a knife"]
    contrast: ["a wrench"]
  - id: alcohol
    description: Alcohol
    prompts: ["beer"]
    scoring: similarity
    thresholds: { flag: 0.22 }
    severity: low
    mode: shadow
`;

describe('parsePolicyText: valid documents', () => {
  it('resolves defaults per policy', () => {
    const r = parsePolicyText(VALID, 'p.yaml');
    expect(r.issues).toEqual([]);
    expect(r.policies.map((p) => [p.id, p.scoring, p.severity, p.mode, p.thresholds])).toEqual([
      ['weapons', 'softmax', 'high', 'enforce', { flag: 0.3, block: 0.8 }],
      ['alcohol', 'similarity', 'low', 'shadow', { flag: 0.22 }],
    ]);
    expect(r.policies[0].templates).toEqual(['an emoji of {}', '{}']);
    expect(r.policies[0].promptPos[1]).toMatchObject({ line: 11, column: 24, path: 'policies[0].prompts[1]' });
    expect(r.policies[1].pos).toMatchObject({ line: 13, column: 5, path: 'policies[1]' });
  });
  it('accepts JSON, and examples with their example_thresholds', () => {
    const json = JSON.stringify({
      version: 1,
      name: 'j',
      policies: [{ id: 'a', description: 'A', prompts: ['x'], scoring: 'similarity', thresholds: { flag: 0.2 }, severity: 'low', examples: ['img.png'], example_thresholds: { flag: 0.9 } }],
    });
    expect(parsePolicyText(json, 'j.json').issues).toEqual([]);
  });
});

describe('parsePolicyText: errors carry exact line and column', () => {
  it('YAML syntax error', () => {
    const text = 'version: 1\nname: x\npolicies: [\n  { id: a\n';
    const [e] = errorsOf(text);
    expect(e).toMatchObject({ level: 'error', line: 5, column: 1 });
    expect(e.message).toMatch(/flow/i);
  });
  it('duplicate mapping key', () => {
    expect(errorsOf('version: 1\nname: a\nname: b\npolicies: []\n')[0]).toMatchObject({ line: 3, column: 1, message: 'Map keys must be unique' });
  });
  it('empty document', () => {
    expect(errorsOf('# nothing\n')).toEqual([expect.objectContaining({ line: 1, column: 1, message: expect.stringMatching(/empty document/) })]);
  });
  it('wrong type points at the value', () => {
    const text = VALID.replace('thresholds: { flag: 0.22 }', 'thresholds: { flag: "high" }');
    expect(errorsOf(text)).toEqual([
      { line: 17, column: 25, path: 'policies[1].thresholds.flag', level: 'error', message: 'must be a number, got a string' },
    ]);
  });
  it('missing required field points at the object that lacks it', () => {
    const text = VALID.replace('    description: Alcohol\n', '');
    expect(errorsOf(text)).toEqual([
      { line: 13, column: 5, path: 'policies[1].description', level: 'error', message: 'missing required field "description"' },
    ]);
  });
  it('unknown field points at its key', () => {
    const text = VALID.replace('    severity: low\n', '    severity: low\n    treshold: 3\n');
    expect(errorsOf(text)).toEqual([
      { line: 19, column: 5, path: 'policies[1].treshold', level: 'error', message: 'unknown field "treshold"' },
    ]);
  });
  it('enum, const, slug and template patterns', () => {
    const text = VALID.replace('version: 1', 'version: 2')
      .replace('mode: shadow', 'mode: dry-run')
      .replace('id: weapons', 'id: Weapons!')
      .replace('"{}"]', '"plain"]');
    expect(errorsOf(text)).toEqual([
      { line: 1, column: 10, path: 'version', level: 'error', message: 'must be 1 (got 2)' },
      { line: 6, column: 33, path: 'defaults.templates[1]', level: 'error', message: 'must contain "{}" where the prompt goes' },
      { line: 9, column: 9, path: 'policies[0].id', level: 'error', message: expect.stringMatching(/lowercase slug/) },
      { line: 19, column: 11, path: 'policies[1].mode', level: 'error', message: 'must be one of: enforce, shadow (got "dry-run")' },
    ]);
  });
  it('empty prompt list and empty thresholds', () => {
    const text = VALID.replace('prompts: ["beer"]', 'prompts: []').replace('{ flag: 0.22 }', '{}');
    expect(errorsOf(text)).toEqual([
      { line: 15, column: 14, path: 'policies[1].prompts', level: 'error', message: 'must not be empty' },
      { line: 17, column: 17, path: 'policies[1].thresholds', level: 'error', message: 'must set at least one of flag, blur, block' },
    ]);
  });
  it('list lengths: 256 prompts, 2,048 contrast prompts (a vocabulary of benign subjects)', () => {
    // Block lists, one item per line (a line may hold at most 2,000 tokens, a document 20,000).
    const block = (n: number, word: string, indent: string) => Array.from({ length: n }, (_, i) => `\n${indent}- ${word} ${i}`).join('');
    const withLists = (prompts: number, contrast: number, shared: number) => `version: 1
name: lists
defaults:
  scoring: contrastive
  severity: low
  thresholds: { flag: 0.2 }
  contrast:${block(shared, 'thing', '    ')}
policies:
  - id: tools
    description: Tools
    prompts: [a gun]
    contrast:${block(contrast, 'tool', '      ')}
  - id: beer
    description: Beer
    prompts:${block(prompts, 'beer', '      ')}
`;
    expect(errorsOf(withLists(256, 2048, 1))).toEqual([]);
    expect(errorsOf(withLists(1, 1, 2048))).toEqual([]);
    const r = parsePolicyText(withLists(1, 300, 300), 'p.yaml');
    expect(r.policies[0].contrast).toHaveLength(600);
    const refused = (n: [number, number, number]) => errorsOf(withLists(...n)).map((e) => [e.path, e.message]);
    expect(refused([1, 1, 2049])).toEqual([['defaults.contrast', 'must NOT have more than 2048 items']]);
    expect(refused([1, 2049, 1])).toEqual([['policies[0].contrast', 'must NOT have more than 2048 items']]);
    expect(refused([257, 1, 1])).toEqual([['policies[1].prompts', 'must NOT have more than 256 items']]);
  });
  it('thresholds out of order point at the offending level', () => {
    const text = VALID.replace('{ flag: 0.22 }', '{ flag: 0.3, blur: 0.25, block: 0.28 }');
    expect(errorsOf(text)).toEqual([
      { line: 17, column: 36, path: 'policies[1].thresholds.blur', level: 'error', message: 'thresholds out of order: blur 0.25 < flag 0.3 (need flag <= blur <= block)' },
    ]);
    const inDefaults = VALID.replace('{ flag: 0.3, block: 0.8 }', '{ flag: 0.9, block: 0.8 }');
    expect(errorsOf(inDefaults)[0]).toMatchObject({ line: 7, column: 35, path: 'defaults.thresholds.block' });
  });
  it('softmax thresholds must be probabilities', () => {
    const text = VALID.replace('{ flag: 0.3, block: 0.8 }', '{ flag: -0.1, block: 0.8 }');
    expect(errorsOf(text)[0]).toMatchObject({ path: 'defaults.thresholds.flag', message: expect.stringMatching(/\[0, 1\]/) });
  });
  it('duplicate policy id points at the second id', () => {
    const text = VALID.replace('id: alcohol', 'id: weapons');
    expect(errorsOf(text)).toEqual([
      { line: 13, column: 9, path: 'policies[1].id', level: 'error', message: 'duplicate policy id "weapons" (first defined at policies[0], line 9)' },
    ]);
  });
  it('missing scoring with no default', () => {
    const text = VALID.replace('  scoring: softmax\n', '');
    expect(errorsOf(text)).toEqual([
      { line: 8, column: 5, path: 'policies[0]', level: 'error', message: 'missing "scoring": set it on the policy or in "defaults"' },
    ]);
  });
  it('blank prompt', () => {
    expect(errorsOf(VALID.replace('"a knife"', '"   "'))).toEqual([
      { line: 11, column: 24, path: 'policies[0].prompts[1]', level: 'error', message: 'prompt is empty' },
    ]);
  });
  it('formats as file:line:col path: message', () => {
    const issue = parsePolicyText(VALID.replace('id: alcohol', 'id: weapons'), 'policies/p.yaml').issues[0];
    expect(formatIssue(issue)).toBe('policies/p.yaml:13:9 policies[1].id: duplicate policy id "weapons" (first defined at policies[0], line 9)');
  });
});

describe('parsePolicyText: warnings', () => {
  it('duplicate prompts (case and spacing insensitive) and prompt-in-contrast', () => {
    const text = VALID.replace('["a gun", "a knife"]', '["a gun", "A  Gun"]').replace('["a wrench"]', '["a wrench", "a gun"]');
    const r = parsePolicyText(text, 'p.yaml');
    expect(r.doc).not.toBeNull();
    expect(warningsOf(text)).toEqual([
      { line: 11, column: 24, path: 'policies[0].prompts[1]', level: 'warning', message: 'duplicate prompt "A  Gun" (same as policies[0].prompts[0])' },
      { line: 12, column: 28, path: 'policies[0].contrast[1]', level: 'warning', message: '"a gun" is both a prompt and a contrast prompt of "weapons"' },
    ]);
  });
});
