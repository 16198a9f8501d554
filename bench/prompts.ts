import * as fs from 'fs';
import * as path from 'path';

/**
 * The benchmark's policy set: 6 photo policies x 5 prompts = 30 prompts, templates `{}` (the prompt
 * as written), so the service and Transformers.js embed exactly the same 30 strings. Thresholds sit
 * near 1 because the benchmark model's weights are random: decisions are noise, the cost is real,
 * and the common case (allow, nothing kept) is what gets measured.
 */
export const POLICIES: { id: string; prompts: string[] }[] = [
  { id: 'weapons', prompts: ['a photo of a pistol', 'a photo of a rifle', 'a person holding a knife', 'a bomb', 'a hand grenade'] },
  { id: 'drugs', prompts: ['a syringe with drugs', 'white powder on a table', 'a marijuana joint', 'pills spilled on a table', 'a crack pipe'] },
  { id: 'violence', prompts: ['a bloody wound', 'a violent fight', 'a dead body', 'graphic violence', 'a person being beaten'] },
  { id: 'nudity', prompts: ['a naked person', 'a nude body', 'explicit sexual content', 'pornography', 'a topless person'] },
  { id: 'hate', prompts: ['a swastika', 'a burning cross', 'a hate symbol', 'a nazi salute', 'racist graffiti'] },
  { id: 'self-harm', prompts: ['cuts on a wrist', 'a noose', 'a person on a ledge', 'self harm scars', 'a razor blade and blood'] },
];

export const PROMPTS: string[] = POLICIES.flatMap((p) => p.prompts);

function yamlFor(name: string, policies: { id: string; prompts: string[] }[]): string {
  const lines = [`version: 1`, `name: ${name}`, `defaults:`, `  scoring: similarity`, `  severity: high`, `policies:`];
  for (const p of policies) {
    lines.push(`  - id: ${p.id}`, `    description: benchmark policy ${p.id}`, `    prompts:`);
    for (const t of p.prompts) lines.push(`      - ${JSON.stringify(t)}`);
    lines.push(`    thresholds: { flag: 0.997, blur: 0.998, block: 0.999 }`);
  }
  return lines.join('\n') + '\n';
}

/** A fresh policies folder holding the 30-prompt set; returns its path. */
export function writePolicyDir(dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'bench.yaml'), yamlFor('bench', POLICIES));
  return dir;
}

/**
 * 100 prompts never embedded before (a run id keeps them out of every cache), as 10 new policies
 * added to the set by rewriting its file in place, the way an operator's edit lands.
 */
export function addHundredPrompts(dir: string, runId: string): void {
  const subjects = ['a car', 'a dog', 'a cat', 'a bicycle', 'a house', 'a tree', 'a boat', 'a guitar', 'a lamp', 'a shoe'];
  const styles = ['a photo of', 'a drawing of', 'a painting of', 'a sketch of', 'a close-up of', 'a blurry photo of', 'a dark photo of', 'a toy version of', 'a sculpture of', 'a tattoo of'];
  const extra = styles.map((s, i) => ({
    id: `extra-${i}`,
    prompts: subjects.map((o) => `${s} ${o} ${runId}`),
  }));
  const file = path.join(dir, 'bench.yaml');
  const tmp = path.join(dir, '.bench.yaml.tmp');
  fs.writeFileSync(tmp, yamlFor('bench', [...POLICIES, ...extra]));
  fs.renameSync(tmp, file);
}
