/**
 * `npm run bench:decide [-- --model DIR --images N] [policy files...]`: what a policy set costs the
 * decision engine. For each file (default: the shipped policies/default.yaml): the time to compile it
 * with the model's text encoder on a cold cache (start-up and every reload pay it), its distinct
 * prompt vectors, and decide() per image, measured twice: as the engine runs it (one cosine per
 * distinct vector) and with every policy holding its own copy of each vector (one cosine per policy
 * and prompt, as the engine scored before policies shared vectors, though through today's scan). Images
 * are random unit vectors of the model's width: decide() costs the same whatever the image shows.
 * Ratios are to the first file.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppModule } from '../src/app.module';
import { ClipService } from '../src/clip/clip.service';
import { decide } from '../src/decisions/decide';
import { CompiledPolicy } from '../src/decisions/decision.types';
import { compilePolicySet } from '../src/policies/policy-compiler';
import { loadPolicySet } from '../src/policies/policy-set';
import { arg, ROOT } from './options';
import { writePolicyDir } from './prompts';

function unitVectors(n: number, dim: number): Float32Array[] {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  return Array.from({ length: n }, () => {
    const v = Float32Array.from({ length: dim }, rand);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

/** Microseconds per image, best of three passes over the images. */
function timeDecide(policies: CompiledPolicy[], images: Float32Array[], logitScale: number): number {
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = process.hrtime.bigint();
    for (const image of images) decide(image, policies, { logitScale });
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e3 / images.length);
  }
  return best;
}

const copied = (policies: CompiledPolicy[]): CompiledPolicy[] =>
  policies.map((p) => ({
    ...p,
    prompts: p.prompts.map((q) => ({ ...q, vector: Float32Array.from(q.vector) })),
    contrast: p.contrast.map((q) => ({ ...q, vector: Float32Array.from(q.vector) })),
  }));

async function main(): Promise<void> {
  const files = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  if (!files.length) files.push(path.join(ROOT, 'policies', 'default.yaml'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-decide-'));
  const modelDir = path.resolve(ROOT, arg('model', 'models/emoji-clip-demo'));
  const app = await NestFactory.createApplicationContext(
    AppModule.create((c) => ({
      ...c,
      policies: { ...c.policies, dir: writePolicyDir(path.join(tmp, 'policies')), watch: false, versionsFile: path.join(tmp, 'v.jsonl') },
      storage: { ...c.storage, dataDir: tmp, blobDir: path.join(tmp, 'blobs'), databaseUrl: null },
      clip: { ...c.clip, modelDir },
    })),
    { logger: ['error'] },
  );
  try {
    const clip = app.get(ClipService);
    const images = unitVectors(Number(arg('images', '2000')), clip.model.projectionDim);
    console.log(`model ${path.relative(ROOT, modelDir)}; ${images.length} random unit vectors; ${os.cpus()[0]?.model ?? 'cpu'}\n`);
    console.log('| policy file | policies | texts embedded | distinct vectors | compile, cold cache (ms) | decide per image (us) | decide, a copy per policy (us) | decide vs first file |');
    console.log('|---|---|---|---|---|---|---|---|');
    let first: number | undefined;
    for (const file of files) {
      const { set, issues } = loadPolicySet([{ name: path.basename(file), text: fs.readFileSync(file, 'utf8') }]);
      if (!set) throw new Error(`${file}: ${JSON.stringify(issues.filter((i) => i.level === 'error'))}`);
      const t0 = process.hrtime.bigint();
      const compiled = await compilePolicySet(set, clip);
      const compileMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const policies = compiled.policies.filter((p) => p.mode === 'enforce');
      const distinct = new Set(policies.flatMap((p) => [...p.prompts, ...p.contrast].map((q) => q.vector))).size;
      const shared = timeDecide(policies, images, clip.model.logitScale);
      const own = timeDecide(copied(policies), images, clip.model.logitScale);
      first ??= shared;
      console.log(`| ${path.relative(process.cwd(), file)} | ${policies.length} | ${compiled.promptCount} | ${distinct} | ${compileMs.toFixed(0)} | ${shared.toFixed(1)} | ${own.toFixed(1)} | ${(shared / first).toFixed(2)}x |`);
    }
  } finally {
    await app.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
