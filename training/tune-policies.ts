/**
 * Chooses the shipped policies' thresholds on the training styles (or, with --tune-on STYLE, on a style
 * held out of training as well), then reports the moderation evaluation on the held-out test style
 * (Twemoji) at those thresholds.
 *
 *   npx ts-node --transpile-only training/tune-policies.ts [--fpr 0.005 | --max-benign 0.015] [--tune-on training|fluent-flat]
 *     [--report-on twemoji|STYLE] [--not-trained STYLE,...] [--model DIR] [--write] [--json out.json]
 *
 * --report-on names the style reported as held out (a leave-one-style-out fold's own style, with --model
 * pointing at that fold's export); the "training styles" row leaves out every style not trained on: Twemoji,
 * the tuning and report styles, and those named by --not-trained (the run's train.py --hold-out).
 * Every headline rate is printed with its 95% Wilson interval.
 *
 * Scoring is the service's own: the images are the tensors prepare-data.ts made with the service's
 * preprocessor (training/data/images.f32), the policies are compiled by the service's registry from
 * policies/*.yaml, and every score comes from the decision engine's decide().
 *
 * Rule: for each policy, its actions in severity order get thresholds at which at most --fpr (default
 * 0.5%), half and a fifth of that share of the BENIGN emoji of the tuning set would reach them (benign = no
 * moderation category). With seven policies that bounds benign flags near 7 x fpr on the tuned styles.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import * as fs from 'fs';
import * as ort from 'onnxruntime-node';
import * as os from 'os';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { AppModule } from '../src/app.module';
import { ClipService } from '../src/clip/clip.service';
import { decide } from '../src/decisions/decide';
import { Action, ACTION_ORDER, CompiledPolicy } from '../src/decisions/decision.types';
import { PolicyRegistry } from '../src/policies/policy-registry.service';

const ROOT = path.join(__dirname, '..');
const DATA = path.join(__dirname, 'data');
const arg = (name: string, def: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : def);
/** The style reported as held out: Twemoji (never trained on), or a leave-one-style-out fold's style. */
const HELD_OUT = arg('report-on', 'twemoji');
/** Styles the run held out of training besides Twemoji and the tuning style (train.py --hold-out). */
const NOT_TRAINED = arg('not-trained', '').split(',').filter(Boolean);
/** Another export to score with (a fold's model); default: the service's configured model. */
const MODEL_DIR = process.argv.includes('--model') ? path.resolve(arg('model', '')) : undefined;
/** Benign reach allowed for a policy's first action; the next actions get half and a fifth of it. */
const FPR = Number(arg('fpr', '0.005'));
/**
 * Instead of a fixed --fpr: the largest per-policy fpr whose combined benign share (flagged by any
 * policy) on the tuning set is at most this, e.g. 0.04. Meaningful on a style held out of training,
 * where scores behave like the test style's; on the training styles benign scores are overfit low.
 */
const MAX_BENIGN = process.argv.includes('--max-benign') ? Number(arg('max-benign', '')) : undefined;
if (MAX_BENIGN !== undefined && !(MAX_BENIGN > 0 && MAX_BENIGN < 1)) throw new Error('--max-benign must be a share between 0 and 1, e.g. 0.04');
/**
 * Which images the thresholds are chosen on: one style held out of training too (VAL_STYLE,
 * training/data.py; default fluent-flat, as the shipped model) or `training` (every trained style).
 */
const TUNE_ON = arg('tune-on', (process.env.VAL_STYLE ?? 'fluent-flat') || 'training');
const CATEGORY_TO_POLICY: Record<string, string> = {
  weapons: 'weapons',
  drugs: 'drugs',
  alcohol: 'alcohol',
  tobacco: 'tobacco',
  gore_death: 'gore-death',
  gambling: 'gambling',
  offensive_gesture: 'offensive-gestures',
};

interface Item {
  index: number;
  ok: boolean;
  concept: string;
  label: string;
  style: string;
}

function normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  const inv = 1 / Math.sqrt(s || 1);
  return v.map((x) => x * inv);
}

async function embedAll(modelDir: string, items: Item[], size: number): Promise<Float32Array[]> {
  const session = await ort.InferenceSession.create(path.join(modelDir, 'onnx', 'vision_model.onnx'), { intraOpNumThreads: os.availableParallelism() });
  const per = 3 * size * size;
  const fd = fs.openSync(path.join(DATA, 'images.f32'), 'r');
  const out: Float32Array[] = [];
  const B = 256;
  for (let i = 0; i < items.length; i += B) {
    const chunk = items.slice(i, i + B);
    const data = new Float32Array(chunk.length * per);
    chunk.forEach((it, j) => {
      const buf = Buffer.alloc(per * 4);
      fs.readSync(fd, buf, 0, buf.length, it.index * per * 4);
      data.set(new Float32Array(buf.buffer, buf.byteOffset, per), j * per);
    });
    const res = await session.run({ pixel_values: new ort.Tensor('float32', data, [chunk.length, 3, size, size]) });
    const emb = res[session.outputNames[0]].data as Float32Array;
    const dim = emb.length / chunk.length;
    for (let j = 0; j < chunk.length; j++) out.push(normalize(emb.slice(j * dim, (j + 1) * dim)));
    process.stderr.write(`\rembedded ${Math.min(i + B, items.length)}/${items.length}`);
  }
  process.stderr.write('\n');
  fs.closeSync(fd);
  return out;
}

/** Lowest threshold (on a 1e-4 grid above the benign quantile) with benign reach <= target. */
function thresholdFor(benign: number[], target: number): number {
  const sorted = [...benign].sort((a, b) => b - a);
  const k = Math.floor(target * sorted.length);
  const t = sorted[k] ?? 0;
  return Math.ceil((t + 1e-9) * 1e4) / 1e4;
}

/** 95% Wilson score interval of n/d, in percent. */
function wilson(n: number, d: number, z = 1.96): [number, number] {
  if (!d) return [NaN, NaN];
  const p = n / d;
  const den = 1 + (z * z) / d;
  const mid = (p + (z * z) / (2 * d)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / d + (z * z) / (4 * d * d))) / den;
  return [100 * Math.max(0, mid - half), 100 * Math.min(1, mid + half)];
}
const pct = (n: number, d: number) => {
  if (!d) return 'n/a';
  const [lo, hi] = wilson(n, d);
  return `${((100 * n) / d).toFixed(1)}%, CI ${lo.toFixed(1)}-${hi.toFixed(1)}`;
};

async function main() {
  const write = process.argv.includes('--write');
  const jsonOut = process.argv.includes('--json') ? process.argv[process.argv.indexOf('--json') + 1] : undefined;
  const concepts = JSON.parse(fs.readFileSync(path.join(DATA, 'concepts.json'), 'utf8')) as Record<string, { category: string | null; hard_negative: boolean; label: string }>;
  const items = fs
    .readFileSync(path.join(DATA, 'items.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Item)
    .filter((i) => i.ok);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tune-'));
  const app = await NestFactory.createApplicationContext(
    AppModule.create((c) => ({
      ...c,
      policies: { ...c.policies, watch: false, versionsFile: path.join(tmp, 'v.jsonl') },
      storage: { ...c.storage, dataDir: tmp, blobDir: path.join(tmp, 'blobs'), databaseUrl: null },
      clip: MODEL_DIR ? { ...c.clip, modelDir: MODEL_DIR } : c.clip,
    })),
    { logger: ['error'] },
  );
  try {
    const clip = app.get(ClipService);
    const set = app.get(PolicyRegistry).current();
    const policies: CompiledPolicy[] = set.policies.filter((p) => p.mode === 'enforce');
    const embeddings = await embedAll(clip.model.dir, items, clip.model.imageSize.width);
    // Raw scores per policy, with every threshold open, so one pass serves tuning and evaluation.
    const open = policies.map((p) => ({ ...p, thresholds: {} }));
    const scores = embeddings.map((e) => {
      const r = decide(e, open, { logitScale: clip.model.logitScale });
      return Object.fromEntries(r.policies.map((x) => [x.policyId, x.score])) as Record<string, number>;
    });
    const policyOf = (it: Item) => {
      const cat = concepts[it.concept]?.category;
      return cat ? CATEGORY_TO_POLICY[cat] : null;
    };
    const notTrained = new Set(['twemoji', HELD_OUT, TUNE_ON, ...NOT_TRAINED]);
    const train = items.map((it, i) => ({ it, i })).filter(({ it }) => !notTrained.has(it.style));
    const held = items.map((it, i) => ({ it, i })).filter(({ it }) => it.style === HELD_OUT);

    const tuneSet = TUNE_ON === 'training' ? train : items.map((it, i) => ({ it, i })).filter(({ it }) => it.style === TUNE_ON);
    if (!tuneSet.length) throw new Error(`--tune-on ${TUNE_ON}: no images of that style`);
    // The tuning set's benign images and each policy's scores on them, once: the --max-benign search tunes ~100 times.
    const benignRows = tuneSet.filter(({ it }) => policyOf(it) === null);
    const benignScores = new Map(policies.map((p) => [p.id, benignRows.map(({ i }) => scores[i][p.id])]));
    const tuneAt = (fpr: number) => {
      const targets = [fpr, fpr / 2, fpr / 5];
      const out: Record<string, Partial<Record<Action, number>>> = {};
      for (const p of policies) {
        const acts = ACTION_ORDER.filter((a) => a !== 'allow' && p.thresholds[a as 'flag'] !== undefined);
        const benign = benignScores.get(p.id)!;
        out[p.id] = {};
        let prev = 0;
        acts.forEach((a, k) => {
          prev = Math.max(prev, thresholdFor(benign, targets[Math.min(k, targets.length - 1)]));
          out[p.id][a] = prev;
        });
      }
      return out;
    };
    const lowestOf = (t: Partial<Record<Action, number>>) => Math.min(...Object.values(t).filter((x): x is number => x !== undefined));
    /** Share of the tuning set's benign images that some policy would flag at thresholds t. */
    const benignShare = (t: Record<string, Partial<Record<Action, number>>>) =>
      benignRows.filter(({ i }) => policies.some((p) => scores[i][p.id] >= lowestOf(t[p.id]))).length / benignRows.length;
    let fpr = FPR;
    if (MAX_BENIGN !== undefined) {
      // The largest per-policy fpr on a 0.05% grid whose combined benign share on the tuning set stays
      // within --max-benign: one budget for all policies, chosen without looking at the test style.
      fpr = 0.0005;
      for (let f = 0.0005; f <= 0.05 + 1e-12; f += 0.0005) if (benignShare(tuneAt(f)) <= MAX_BENIGN) fpr = Number(f.toFixed(4));
      console.log(`--max-benign ${MAX_BENIGN}: per-policy fpr ${fpr} (benign share on ${TUNE_ON}: ${(100 * benignShare(tuneAt(fpr))).toFixed(2)}%)`);
    }
    const FPR_TARGETS = [fpr, fpr / 2, fpr / 5];
    const tuned = tuneAt(fpr);

    const reaches = (i: number, id: string) => {
      return scores[i][id] >= lowestOf(tuned[id]);
    };
    const report: string[] = [];
    const summary: Record<string, unknown> = {
      thresholds: tuned,
      fpr_targets: FPR_TARGETS,
      tune_style: TUNE_ON,
      report_style: HELD_OUT,
      tuned_on: TUNE_ON,
      policies: {},
    };
    const row = (name: string, rows: { it: Item; i: number }[]) => {
      const harmful = rows.filter(({ it }) => policyOf(it) !== null);
      const caught = harmful.filter(({ it, i }) => reaches(i, policyOf(it)!)).length;
      const benign = rows.filter(({ it }) => policyOf(it) === null);
      const flagged = benign.filter(({ i }) => policies.some((p) => reaches(i, p.id))).length;
      const hard = rows.filter(({ it }) => concepts[it.concept]?.hard_negative && policyOf(it) === null);
      const hardFlagged = hard.filter(({ i }) => policies.some((p) => reaches(i, p.id)));
      report.push(`| ${name} | ${caught}/${harmful.length} (${pct(caught, harmful.length)}) | ${flagged}/${benign.length} (${pct(flagged, benign.length)}) | ${hardFlagged.length}/${hard.length} |`);
      return { caught, harmful: harmful.length, flagged, benign: benign.length, hardFlagged: hardFlagged.map(({ it }) => it.label), hard: hard.length };
    };
    report.push('| images | harmful caught by their policy | benign flagged by any policy | hard negatives flagged |', '|---|---|---|---|');
    if (TUNE_ON === 'training') summary.training_styles = row('training styles (tuned on)', train);
    else {
      summary.tuned_on = row(`${TUNE_ON}, not trained on (tuned on)`, tuneSet);
      summary.training_styles = row('training styles', train);
    }
    summary.held_out = row(`held-out ${HELD_OUT}`, held);
    report.push('', `| policy | thresholds | ${HELD_OUT} recall | ${HELD_OUT} benign reach | missed |`, '|---|---|---|---|---|');
    for (const p of policies) {
      const pos = held.filter(({ it }) => policyOf(it) === p.id);
      const hit = pos.filter(({ i }) => reaches(i, p.id)).length;
      const ben = held.filter(({ it }) => policyOf(it) === null);
      const fp = ben.filter(({ i }) => reaches(i, p.id)).length;
      const t = Object.entries(tuned[p.id]).map(([a, v]) => `${a} ${v}`).join(', ');
      const missed = pos.filter(({ i }) => !reaches(i, p.id)).map(({ it, i }) => `${it.label} (${scores[i][p.id].toFixed(4)})`);
      report.push(`| ${p.id} | ${t} | ${hit}/${pos.length} (${pct(hit, pos.length)}) | ${fp}/${ben.length} | ${missed.join(', ')} |`);
      (summary.policies as Record<string, unknown>)[p.id] = { recall: [hit, pos.length], benign_reach: [fp, ben.length], missed };
    }
    console.log(report.join('\n'));
    console.log(`\nhard negatives flagged on ${HELD_OUT}: ${JSON.stringify((summary.held_out as { hardFlagged: string[] }).hardFlagged)}`);
    if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(summary, null, 2));
    if (write) {
      const file = path.join(ROOT, 'policies', 'default.yaml');
      const doc = parseDocument(fs.readFileSync(file, 'utf8'));
      const list = doc.get('policies') as { items: { get(k: string): unknown; setIn(p: unknown[], v: unknown): void }[] };
      for (const node of list.items) {
        const id = String(node.get('id'));
        for (const [a, v] of Object.entries(tuned[id] ?? {})) node.setIn(['thresholds', a], v);
      }
      // The yaml library moves a key's inline comment onto its own line when the map changes; put the
      // "tuned:" note back inline, naming this run's rule.
      const rule = MAX_BENIGN !== undefined ? `--tune-on ${TUNE_ON} --max-benign ${MAX_BENIGN}` : `--fpr ${FPR} --tune-on ${TUNE_ON}`;
      const text = doc
        .toString({ lineWidth: 0 })
        .replace(/thresholds:(?: # tuned:[^\n]*\n|\n\s+# tuned:[^\n]*\n)/g, `thresholds: # tuned: training/tune-policies.ts ${rule}\n`);
      fs.writeFileSync(file, text);
      console.log(`wrote thresholds into ${path.relative(ROOT, file)}`);
    }
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
