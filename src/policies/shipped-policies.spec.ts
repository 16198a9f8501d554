import { readFileSync } from 'fs';
import * as path from 'path';
import { FakeEmbedder } from '../../test/support/fake-embedder';
import { PolicyFileSource } from './policy-file-source';
import { loadPolicySet } from './policy-set';
import { formatIssue } from './policy.types';
import { validatePolicyText } from '../../test/support/validate-policy-text';

const DIR = path.join(__dirname, '../../policies');

describe('shipped policies', () => {
  it('the default directory loads without errors or warnings', async () => {
    const files = await new PolicyFileSource().readAll(DIR);
    expect(files.map((f) => f.name)).toEqual(['default.yaml']);
    const { set, issues } = loadPolicySet(files);
    expect(issues.map(formatIssue)).toEqual([]);
    expect(set!.policies.map((p) => [p.id, p.scoring, Object.keys(p.thresholds)])).toEqual([
      ['weapons', 'contrastive', ['flag', 'blur', 'block']],
      ['drugs', 'contrastive', ['flag', 'block']],
      ['alcohol', 'contrastive', ['flag']],
      ['tobacco', 'contrastive', ['flag']],
      ['gore-death', 'contrastive', ['blur']],
      ['gambling', 'contrastive', ['flag']],
      ['offensive-gestures', 'contrastive', ['blur']],
    ]);
  });

  it('every thresholds block carries a "tuned:" marker for the tuning pass', () => {
    const text = readFileSync(path.join(DIR, 'default.yaml'), 'utf8');
    expect(text.match(/^\s+thresholds:\s*# tuned:/gm)).toHaveLength(7);
  });

  it('no weapons contrast prompt is a water pistol (the demo model labels that emoji a gun)', async () => {
    const { set } = loadPolicySet(await new PolicyFileSource().readAll(DIR));
    const weapons = set!.policies.find((p) => p.id === 'weapons')!;
    expect(weapons.contrast.filter((c) => /water pistol/i.test(c))).toEqual([]);
  });

  it('examples/real-clip.yaml is a valid policy set', async () => {
    const text = readFileSync(path.join(DIR, 'examples', 'real-clip.yaml'), 'utf8');
    const r = await validatePolicyText(text, new FakeEmbedder(), { fileName: 'examples/real-clip.yaml' });
    expect(r.errors.map(formatIssue)).toEqual([]);
    expect(r.compiled!.policies.filter((p) => p.mode === 'shadow').map((p) => p.id)).toEqual(['hate-symbols', 'self-harm']);
  });
});
