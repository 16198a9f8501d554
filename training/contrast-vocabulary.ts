/**
 * Writes the shipped policy set with every benign concept's name added to the shared contrast prompts
 * (`--vocabulary`; protocols 13 and 14 in the model card), and/or another scoring mode. Names already
 * there are not added again, so `--out policies --vocabulary` on the shipped set changes nothing.
 * Thresholds are left as they are; re-tune them with tune-policies.ts (POLICIES_DIR=DIR).
 *
 *   npx ts-node --transpile-only training/contrast-vocabulary.ts --out DIR [--vocabulary] [--scoring softmax]
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument, YAMLSeq } from 'yaml';

const ROOT = path.join(__dirname, '..');
const arg = (name: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);

/** The benign concepts' names as the evaluation prompts name them, less the template ("a ringed planet"). */
function benignNames(conceptsFile: string): string[] {
  const concepts = JSON.parse(fs.readFileSync(conceptsFile, 'utf8')) as Record<string, { category: string | null; eval_prompt: { text: string } }>;
  const names = Object.values(concepts)
    .filter((c) => !c.category)
    .map((c) => c.eval_prompt.text.replace(/^an emoji of /, ''));
  return [...new Set(names)];
}

function main() {
  const out = arg('out');
  if (!out) throw new Error('--out DIR is required');
  const scoring = arg('scoring');
  const doc = parseDocument(fs.readFileSync(path.join(ROOT, 'policies', 'default.yaml'), 'utf8'));
  if (process.argv.includes('--vocabulary')) {
    const shared = doc.getIn(['defaults', 'contrast']) as YAMLSeq;
    const have = new Set(shared.items.map((x) => String((x as { value: unknown }).value ?? x).toLowerCase()));
    const added = benignNames(path.join(__dirname, 'data', 'concepts.json'))
      .filter((name) => !have.has(name.toLowerCase()))
      .map((name) => doc.createNode(name));
    if (added.length) added[0].commentBefore = ` Every other benign emoji the demo model was taught, by the name it learned (${added.length}; training/contrast-vocabulary.ts).`;
    for (const node of added) shared.add(node);
  }
  if (scoring) doc.setIn(['defaults', 'scoring'], scoring);
  fs.mkdirSync(out, { recursive: true });
  // The yaml library moves the inline "tuned:" notes onto their own lines; put them back (as tune-policies.ts does).
  const text = doc.toString({ lineWidth: 0 }).replace(/thresholds:\n\s+# tuned:([^\n]*)\n/g, 'thresholds: # tuned:$1\n');
  fs.writeFileSync(path.join(out, 'default.yaml'), text);
  console.log(`wrote ${path.join(out, 'default.yaml')}`);
}

main();
