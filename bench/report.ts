import * as os from 'os';
import sharp from 'sharp';
import * as fs from 'fs';
import { ThreadPlan, threadPlan } from '../src/clip/clip.options';
import { dtypeSuffix } from '../src/clip/model-folder';
import { loadConfig } from '../src/config/configuration';
import * as path from 'path';
import { FloorResult } from './floor';
import { LoadResult } from './load';
import { PipelineFloorResult } from './pipeline-floor';
import { BenchOptions, ROOT } from './options';
import { PROMPTS } from './prompts';
import { TjsResult } from './transformers-js';

export interface ServiceRow {
  name: string;
  r: LoadResult;
  loop: number;
  cpuMsPerImage: number;
}

/** The service under one Node.js (`--node`). */
export interface RuntimeResult {
  node: string;
  service: ServiceRow[];
  reloadMs: number;
  serviceRssMb: number;
  serviceStartMs: number;
}

export interface DtypeResult {
  dtype: string;
  floor: FloorResult[];
  pipeline: PipelineFloorResult[];
  service: ServiceRow[];
  tjs: TjsResult[];
  reloadMs: number;
  serviceRssMb: number;
  serviceStartMs: number;
  /** The service under each Node.js, this one first (the rows above are runtimes[0]'s). */
  runtimes: RuntimeResult[];
}

const f = (n: number | undefined, d = 1) => (n !== undefined && Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const best = <T>(xs: T[], key: (x: T) => number): T | undefined => xs.filter((x) => Number.isFinite(key(x))).reduce<T | undefined>((a, b) => (a === undefined || key(b) > key(a) ? b : a), undefined);

interface Summary {
  floorBest?: FloorResult;
  floor1?: FloorResult;
  /** The pipeline floor's best batch for 1024x768 and 4000x3000, and its batch-1 latency. */
  pipe?: PipelineFloorResult;
  pipe4k?: PipelineFloorResult;
  pipe1?: PipelineFloorResult;
  c1?: ServiceRow;
  sat?: ServiceRow;
  sat4k?: ServiceRow;
  tjsPipe?: TjsResult;
  tjsCached?: TjsResult;
}

function summarize(r: DtypeResult): Summary {
  return {
    floorBest: best(r.floor, (x) => x.imagesPerSec),
    floor1: r.floor.find((x) => x.batch === 1),
    pipe: best(r.pipeline.filter((x) => x.size === '1024x768'), (x) => x.imagesPerSec),
    pipe4k: best(r.pipeline.filter((x) => x.size === '4000x3000'), (x) => x.imagesPerSec),
    pipe1: r.pipeline.find((x) => x.size === '1024x768' && x.batch === 1),
    c1: r.service.find((x) => x.r.concurrency === 1),
    sat: r.service.find((x) => x.r.concurrency > 1 && x.name.startsWith('1024x768')),
    sat4k: r.service.find((x) => x.name.startsWith('4000x3000')),
    tjsPipe: best(r.tjs.filter((x) => x.mode === 'pipeline'), (x) => x.imagesPerSec),
    tjsCached: best(r.tjs.filter((x) => x.mode === 'cached'), (x) => x.imagesPerSec),
  };
}

function table(r: DtypeResult, s: Summary): string[] {
  const fb = s.floorBest?.imagesPerSec ?? NaN;
  const tp = s.tjsPipe?.imagesPerSec ?? NaN;
  const lines = [
    `| what (${r.dtype}) | images/s | p50 ms | p95 ms | p99 ms | event-loop p99 ms | peak RSS MB | CPU ms / image | / floor best | / Transformers.js pipeline |`,
    `|---|---|---|---|---|---|---|---|---|---|`,
  ];
  for (const x of r.floor) lines.push(`| floor: vision graph, batch ${x.batch} | ${f(x.imagesPerSec, 2)} | ${f(x.msPerBatch)} (per batch) | | | | | ${f(x.cpuMsPerImage, 0)} | ${f(x.imagesPerSec / fb, 2)} | |`);
  for (const x of r.pipeline) lines.push(`| pipeline floor: ${x.size} JPEG, batch ${x.batch} | ${f(x.imagesPerSec, 2)} | ${x.batch === 1 ? f(x.p50Ms) : ''} | | | | | ${f(x.cpuMsPerImage, 1)} | ${f(x.imagesPerSec / fb, 2)} | |`);
  for (const x of r.service) {
    lines.push(`| **service**: ${x.name} | ${f(x.r.imagesPerSec, 2)} | ${f(x.r.p50)} | ${f(x.r.p95)} | ${f(x.r.p99)} | ${f(x.loop)} | ${f(r.serviceRssMb, 0)} | ${f(x.cpuMsPerImage, 0)} | ${f(x.r.imagesPerSec / fb, 2)} | ${f(x.r.imagesPerSec / tp, 2)} |${x.r.errors ? ` ${x.r.errors} errors` : ''}`);
  }
  for (const x of r.tjs) {
    const name = x.mode === 'pipeline' ? 'Transformers.js zero-shot pipeline' : 'Transformers.js vision model + text embeds once';
    lines.push(`| ${name}, 1024x768, concurrency ${x.concurrency} | ${f(x.imagesPerSec, 2)} | ${f(x.p50)} | ${f(x.p95)} | ${f(x.p99)} | ${f(x.eventLoopP99)} | ${f(x.peakRssMb, 0)} | ${f(x.cpuMsPerImage, 0)} | ${f(x.imagesPerSec / fb, 2)} | ${f(x.imagesPerSec / tp, 2)} |${x.error ? ` failed: ${x.error.slice(0, 80)}` : ''}`);
  }
  return lines;
}

function targets(r: DtypeResult, s: Summary): string[] {
  const row = (what: string, target: string, value: string, ok: boolean | undefined) =>
    `| ${what} | ${target} | ${value} | ${ok === undefined ? 'not measured' : ok ? 'met' : '**not met**'} |`;
  const has = (...xs: unknown[]) => xs.every((x) => x !== undefined);
  const satRatio = (s.sat?.r.imagesPerSec ?? NaN) / (s.floorBest?.imagesPerSec ?? NaN);
  const c1Over = (s.c1?.r.p50 ?? NaN) - (s.floor1?.msPerBatch ?? NaN);
  const vsTjs = (s.sat?.r.imagesPerSec ?? NaN) / (s.tjsPipe?.imagesPerSec ?? NaN);
  // CPU time per image is far less sensitive to other load on the machine than wall-clock rates.
  const floorCpu = Math.min(...r.floor.map((x) => x.cpuMsPerImage).filter(Number.isFinite));
  const cpuRatio = floorCpu / (s.sat?.cpuMsPerImage ?? NaN);
  const cpuVsTjs = (s.tjsPipe?.cpuMsPerImage ?? NaN) / (s.sat?.cpuMsPerImage ?? NaN);
  const pipeRatio = (s.sat?.r.imagesPerSec ?? NaN) / (s.pipe?.imagesPerSec ?? NaN);
  const pipeRatio4k = (s.sat4k?.r.imagesPerSec ?? NaN) / (s.pipe4k?.imagesPerSec ?? NaN);
  const c1OverPipe = (s.c1?.r.p50 ?? NaN) - (s.pipe1?.p50Ms ?? NaN);
  return [
    `| target (${r.dtype}) | bar | measured | |`,
    `|---|---|---|---|`,
    row('saturation, 1024x768: service / pipeline floor best batch', '>= 0.95', `${f(pipeRatio, 3)} (${f(s.sat?.r.imagesPerSec, 2)} vs ${f(s.pipe?.imagesPerSec, 2)} img/s at batch ${s.pipe?.batch ?? '?'}); CPU ms per image ${f(s.sat?.cpuMsPerImage, 1)} vs ${f(s.pipe?.cpuMsPerImage, 1)}`, has(s.sat, s.pipe) ? pipeRatio >= 0.95 : undefined),
    row('saturation, 4000x3000: service / pipeline floor best batch', '>= 0.95', `${f(pipeRatio4k, 3)} (${f(s.sat4k?.r.imagesPerSec, 2)} vs ${f(s.pipe4k?.imagesPerSec, 2)} img/s at batch ${s.pipe4k?.batch ?? '?'}); CPU ms per image ${f(s.sat4k?.cpuMsPerImage, 1)} vs ${f(s.pipe4k?.cpuMsPerImage, 1)}`, has(s.sat4k, s.pipe4k) ? pipeRatio4k >= 0.95 : undefined),
    row('p50 at concurrency 1 (1024x768) minus the pipeline floor\'s batch-1 p50', '<= 8 ms', `${f(c1OverPipe)} ms (${f(s.c1?.r.p50)} - ${f(s.pipe1?.p50Ms)})`, has(s.c1, s.pipe1) ? c1OverPipe <= 8 : undefined),
    row('saturation throughput / floor best batched', '>= 0.90', `${f(satRatio, 3)} (${f(s.sat?.r.imagesPerSec, 2)} vs ${f(s.floorBest?.imagesPerSec, 2)} img/s at batch ${s.floorBest?.batch ?? '?'}); by CPU time per image: ${f(cpuRatio, 3)}`, has(s.sat, s.floorBest) ? satRatio >= 0.9 : undefined),
    row('p50 at concurrency 1 (1024x768) minus floor batch-1 latency', '<= 15 ms', `${f(c1Over)} ms (${f(s.c1?.r.p50)} - ${f(s.floor1?.msPerBatch)})`, has(s.c1, s.floor1) ? c1Over <= 15 : undefined),
    row(`saturation throughput / Transformers.js pipeline (${PROMPTS.length} prompts)`, '>= 3x', `${f(vsTjs, 2)}x (pipeline best ${f(s.tjsPipe?.imagesPerSec, 2)} img/s); by CPU time per image: ${f(cpuVsTjs, 2)}x`, has(s.sat, s.tjsPipe) ? vsTjs >= 3 : undefined),
    row('service peak RSS', '< 1536 MB', `${f(r.serviceRssMb, 0)} MB`, Number.isFinite(r.serviceRssMb) ? r.serviceRssMb < 1536 : undefined),
    row('event-loop delay p99 at saturation', '< 20 ms', `${f(s.sat?.loop)} ms (4000x3000: ${f(s.sat4k?.loop)} ms)`, has(s.sat) ? (s.sat?.loop ?? NaN) < 20 : undefined),
    row('policy hot reload, 100 new prompts', '< 3000 ms', `${f(r.reloadMs, 0)} ms`, Number.isFinite(r.reloadMs) ? r.reloadMs < 3000 : undefined),
  ];
}

/** The service under each Node.js side by side, with each runtime's ratio to the first. */
function runtimeTable(r: DtypeResult, round: string): string[] {
  const rt = r.runtimes;
  const out = [`## Node.js versions (${r.dtype}${round})`, ``, `| service | ${rt.map((x) => `node ${x.node}`).join(' | ')} | ${rt.slice(1).map((x) => `${x.node} / ${rt[0].node}`).join(' | ')} |`, `|---|${rt.map(() => '---').join('|')}|${rt.slice(1).map(() => '---').join('|')}|`];
  const line = (name: string, g: (x: RuntimeResult) => number, d = 1) => {
    const base = g(rt[0]);
    if (rt.every((x) => !Number.isFinite(g(x)))) return; // a variant this run left out
    out.push(`| ${name} | ${rt.map((x) => f(g(x), d)).join(' | ')} | ${rt.slice(1).map((x) => f(g(x) / base, 2)).join(' | ')} |`);
  };
  const row = (x: RuntimeResult, pick: (s: ServiceRow) => boolean) => x.service.find(pick);
  const c1 = (s: ServiceRow) => s.r.concurrency === 1;
  const sat = (s: ServiceRow) => s.r.concurrency > 1 && s.name.startsWith('1024x768');
  const sat4k = (s: ServiceRow) => s.name.startsWith('4000x3000');
  line('1024x768 concurrency 1: p50 ms', (x) => row(x, c1)?.r.p50 ?? NaN);
  line('1024x768 saturation: images/s', (x) => row(x, sat)?.r.imagesPerSec ?? NaN, 2);
  line('1024x768 saturation: p50 ms', (x) => row(x, sat)?.r.p50 ?? NaN);
  line('1024x768 saturation: event-loop p99 ms', (x) => row(x, sat)?.loop ?? NaN);
  line('1024x768 saturation: CPU ms / image', (x) => row(x, sat)?.cpuMsPerImage ?? NaN, 0);
  line('4000x3000 saturation: images/s', (x) => row(x, sat4k)?.r.imagesPerSec ?? NaN, 2);
  line('4000x3000 saturation: event-loop p99 ms', (x) => row(x, sat4k)?.loop ?? NaN);
  line('peak RSS MB', (x) => x.serviceRssMb, 0);
  line('start-up s', (x) => x.serviceStartMs / 1000);
  line('hot reload 100 prompts ms', (x) => x.reloadMs, 0);
  return out;
}

/** The thread plan the service resolves for this folder's graphs of `dtype` (ClipService.load does the same); undefined when a graph is missing. */
export function servicePlan(clip: Parameters<typeof threadPlan>[0], modelDir: string, dtype: string): ThreadPlan | undefined {
  const graph = (name: string) => path.join(modelDir, 'onnx', `${name}${dtypeSuffix(dtype)}.onnx`);
  if (!fs.existsSync(graph('vision_model')) || !fs.existsSync(graph('text_model'))) return undefined;
  return threadPlan(clip, { visionBytes: fs.statSync(graph('vision_model')).size, textBytes: fs.statSync(graph('text_model')).size }, os.availableParallelism());
}

/** The threads the service chose from this machine's cores (the formula is in docs/performance.md#chosen-defaults-and-why). */
function threadsLine(o: BenchOptions): string {
  const c = loadConfig({ ...process.env, ...o.env } as Record<string, string>);
  const uv = o.env.UV_THREADPOOL_SIZE ?? process.env.UV_THREADPOOL_SIZE ?? '4';
  // What the service resolves for each graph it loads (ClipService.load does the same).
  const plans = o.dtypes
    .map((d) => {
      const p = servicePlan(c.clip, o.modelDir, d);
      return `${p ? `${p.workers} x ${p.intraOpThreads}${p.soloThreads ? ` + solo ${p.soloThreads}` : ''}` : '?'} (${d})`;
    })
    .join(', ');
  const settings = `CLIP_WORKERS=${c.clip.workers}, CLIP_INTRA_OP_THREADS=${c.clip.intraOpThreads}, CLIP_SOLO_THREADS=${c.clip.soloThreads}`;
  return `Service threads on this machine's ${os.availableParallelism()} cores: ${settings}: inference workers x ORT threads (+ worker 0's solo session for a lone batch) ${plans}, UV_THREADPOOL_SIZE=${uv} (concurrent sharp calls), ${sharp.concurrency()} libvips threads per decode (sharp's default: the cores).`;
}

const median = (xs: number[]): number => {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/** Each round's ratios of the service to the pipeline floor side by side, with their median (--rounds). */
function roundsTable(rounds: DtypeResult[][]): string[] {
  const out = [`## ${rounds.length} rounds`, ``];
  for (const dtype of rounds[0].map((r) => r.dtype)) {
    const per = rounds.map((round) => round.find((r) => r.dtype === dtype)).filter((r): r is DtypeResult => r !== undefined);
    const sums = per.map(summarize);
    out.push(`| ${dtype} | ${per.map((_, i) => `round ${i + 1}`).join(' | ')} | median |`, `|---|${per.map(() => '---').join('|')}|---|`);
    const line = (name: string, g: (s: Summary) => number, d = 2) => {
      const xs = sums.map(g);
      if (xs.every((x) => !Number.isFinite(x))) return; // a variant this run left out
      out.push(`| ${name} | ${xs.map((x) => f(x, d)).join(' | ')} | ${f(median(xs), d)} |`);
    };
    line('pipeline floor, 1024x768, best batch: images/s', (s) => s.pipe?.imagesPerSec ?? NaN);
    line('service, 1024x768, saturation: images/s', (s) => s.sat?.r.imagesPerSec ?? NaN);
    line('**service / pipeline floor, 1024x768** (bar 0.95)', (s) => (s.sat?.r.imagesPerSec ?? NaN) / (s.pipe?.imagesPerSec ?? NaN), 3);
    line('pipeline floor, 4000x3000, best batch: images/s', (s) => s.pipe4k?.imagesPerSec ?? NaN);
    line('service, 4000x3000, saturation: images/s', (s) => s.sat4k?.r.imagesPerSec ?? NaN);
    line('**service / pipeline floor, 4000x3000** (bar 0.95)', (s) => (s.sat4k?.r.imagesPerSec ?? NaN) / (s.pipe4k?.imagesPerSec ?? NaN), 3);
    line('**concurrency-1 p50 minus pipeline floor batch-1 p50, ms** (bar 8)', (s) => (s.c1?.r.p50 ?? NaN) - (s.pipe1?.p50Ms ?? NaN), 1);
    line('CPU ms per 1024x768 image: service / pipeline floor', (s) => (s.sat?.cpuMsPerImage ?? NaN) / (s.pipe?.cpuMsPerImage ?? NaN));
    line('event-loop p99 at saturation, 1024x768, ms (bar 20)', (s) => s.sat?.loop ?? NaN, 1);
    line('event-loop p99 at saturation, 4000x3000, ms', (s) => s.sat4k?.loop ?? NaN, 1);
    out.push(``);
  }
  return out;
}

export function renderReport(o: BenchOptions, rounds: DtypeResult[][], load: { load0: number[]; load1: number[] }): string {
  const cpu = os.cpus();
  const out = [
    `# Benchmarks`,
    ``,
    `Command: \`npm run bench${o.argv ? ` -- ${o.argv}` : ''}\``,
    ``,
    `Machine: ${cpu.length} x ${cpu[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. ` +
      `Load average (1/5/15 min) at start ${load.load0.map((x) => x.toFixed(2)).join(' / ')}, at end ${load.load1.map((x) => x.toFixed(2)).join(' / ')}.` +
      (o.note ? ` ${o.note}` : ''),
    ``,
    threadsLine(o),
    ``,
    `Model: \`${path.relative(ROOT, o.modelDir)}\`. Service knobs: ${Object.entries(o.env).map(([k, v]) => `${k}=${v}`).join(', ') || 'defaults'}; ` +
      `${o.seconds} s per measurement; saturation = ${o.saturation} concurrent clients; ${PROMPTS.length} policy prompts (bench/prompts.ts) for the service and Transformers.js alike.`,
    ``,
    `The floor is onnxruntime-node running the vision graph alone on ready tensors, in-process, all cores, spinning on: no decode, no HTTP, no text, no policies. ` +
      `The pipeline floor adds the fastest honest decode of the same JPEGs (sharp, shrink-on-load, bicubic resize, centre crop, normalise; bench/pipeline-floor.ts), overlapped with inference, in one process: no HTTP, no database, no policies. ` +
      `The service rows are end to end over HTTP (JPEG upload -> decision JSON, records included); the load generator shares the machine. Transformers.js runs in its own process, decoding the same JPEG bytes. ` +
      `Event-loop delay is the p99 of monitorEventLoopDelay (prom-client's, 10 ms resolution) minus the 10 ms sampling interval it includes, i.e. how late a timer fired. Peak RSS is the process's VmHWM.`,
    ``,
  ];
  rounds.forEach((results, k) => out.push(...roundSections(results, rounds.length > 1 ? `, round ${k + 1}` : '')));
  if (rounds.length > 1) out.push(...roundsTable(rounds));
  return out.join('\n');
}

/** One round's sections: each dtype's table and targets, Node.js versions, fp32 beside int8. */
function roundSections(results: DtypeResult[], round: string): string[] {
  const out: string[] = [];
  for (const r of results) {
    const s = summarize(r);
    out.push(`## ${r.dtype}${round}`, ``, ...table(r, s), ``, ...targets(r, s), ``);
    if (Number.isFinite(r.serviceStartMs)) out.push(`Service start-up (process spawn to ready, model load and warm-up included): ${f(r.serviceStartMs / 1000, 1)} s.`, ``);
  }
  for (const r of results.filter((x) => x.runtimes.length > 1)) out.push(...runtimeTable(r, round), ``);
  if (results.length > 1) {
    out.push(`## fp32 beside int8${round}`, ``, `| | ${results.map((r) => r.dtype).join(' | ')} |`, `|---|${results.map(() => '---').join('|')}|`);
    const line = (name: string, g: (r: DtypeResult, s: Summary) => string) => out.push(`| ${name} | ${results.map((r) => g(r, summarize(r))).join(' | ')} |`);
    line('floor batch 1, ms', (_, s) => f(s.floor1?.msPerBatch));
    line('floor best, images/s', (_, s) => f(s.floorBest?.imagesPerSec, 2));
    line('pipeline floor 1024x768 best, images/s', (_, s) => f(s.pipe?.imagesPerSec, 2));
    line('pipeline floor 4000x3000 best, images/s', (_, s) => f(s.pipe4k?.imagesPerSec, 2));
    line('pipeline floor batch 1 p50 (1024x768), ms', (_, s) => f(s.pipe1?.p50Ms));
    line('service concurrency 1 p50, ms', (_, s) => f(s.c1?.r.p50));
    line('service saturation, images/s', (_, s) => f(s.sat?.r.imagesPerSec, 2));
    line('Transformers.js pipeline, images/s', (_, s) => f(s.tjsPipe?.imagesPerSec, 2));
    line('Transformers.js text-once, images/s', (_, s) => f(s.tjsCached?.imagesPerSec, 2));
    line('service peak RSS, MB', (r) => f(r.serviceRssMb, 0));
    line('hot reload 100 prompts, ms', (r) => f(r.reloadMs, 0));
    out.push(``);
  }
  return out;
}
