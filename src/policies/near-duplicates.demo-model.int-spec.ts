import { readFileSync } from 'fs';
import { join } from 'path';
import { clipOptions } from '../../test/support/clip-tiny-model';
import { ClipService } from '../clip/clip.service';
import { formatIssue } from './policy.types';
import { validatePolicyText } from '../../test/support/validate-policy-text';

/** Near-duplicate warnings judged against the demo model's own spread of unrelated texts. */
const ROOT = join(__dirname, '../..');
const closeness = (ws: { message: string }[]) => ws.filter((w) => w.message.includes('very close'));

describe('near-duplicate prompts with the demo model', () => {
  const clip = new ClipService(clipOptions(join(ROOT, 'models/emoji-clip-demo'), { maxBatchSize: 16, maxBatchWaitMs: 5, maxQueue: 256 }));
  beforeAll(() => clip.onModuleInit());
  afterAll(() => clip.onApplicationShutdown());

  it('the shipped policies raise no warning: no near-duplicate prompts across policies, no policy closer to its look-alikes than to itself', async () => {
    const r = await validatePolicyText(readFileSync(join(ROOT, 'policies/default.yaml'), 'utf8'), clip, { similarityWarnBound: 0.9, fileName: 'default.yaml' });
    expect(r.errors).toEqual([]);
    expect(r.warnings.map(formatIssue)).toEqual([]);
  });

  it('a policy whose contrast prompts restate its own prompts is warned about', async () => {
    const text = `version: 1
name: restated
defaults: { scoring: contrastive, severity: high, templates: ["an emoji of {}", "{}"], thresholds: { flag: 0.5 } }
policies:
  - id: mixed
    description: two unrelated subjects, each restated as a look-alike
    prompts: [a dagger, a beer mug]
    contrast: [a dagger., a beer mug.]
`;
    const r = await validatePolicyText(text, clip, { similarityWarnBound: 0.9, fileName: 'restated.yaml' });
    expect(r.warnings.map(formatIssue)).toEqual([
      expect.stringMatching(/^restated\.yaml:5:5 policies\[0\]: warning: prompts of "mixed" are closer to its contrast prompts \(mean cosine 0\.\d+\) than to each other/),
    ]);
  });

  it('two near-identical prompts of different policies are still flagged', async () => {
    const text = `version: 1
name: near
defaults: { scoring: contrastive, severity: high, templates: ["an emoji of {}", "{}"], thresholds: { flag: 0.5 } }
policies:
  - id: weapons
    description: weapons
    prompts: [a pistol, a bomb]
  - id: toys
    description: toys
    prompts: [a pistol., a teddy bear]
  - id: alcohol
    description: alcohol
    prompts: [alcohol, a beer mug]
`;
    const r = await validatePolicyText(text, clip, { similarityWarnBound: 0.9, fileName: 'near.yaml' });
    const w = closeness(r.warnings);
    expect(w).toEqual([expect.objectContaining({ line: 10, path: 'policies[1].prompts[0]', message: expect.stringMatching(/^prompt "a pistol\." \(toys\) is very close to "a pistol" \(weapons\): cosine (?:0\.99\d|1\.000) > 0\.99\d+; /) })]);
  });
});
