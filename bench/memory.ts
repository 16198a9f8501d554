/**
 * `npm run bench:memory [-- --images N] [policy folders...]`: what a policy set costs in memory. Each
 * folder (default: the shipped policies/ beside the benchmark's 30 prompts) gets a fresh process
 * running the service's modules on embedded defaults (SQLite in a temporary folder, the configured
 * model): resident memory once the set is compiled, and after moderating N 1024x768 JPEGs (50 distinct ones, 16 at a time, each decision committed); with the
 * main thread's V8 heap (live after the collection, and reserved) and its memory outside the heap
 * (ArrayBuffers: the decision engine's vectors), after a full garbage collection. Ratios are to the first folder.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import sharp from 'sharp';
import { AppModule } from '../src/app.module';
import { ModerationCommit } from '../src/jobs/moderation-commit.service';
import { ModerationService } from '../src/moderation/moderation.service';
import { arg, ROOT } from './options';
import { writePolicyDir } from './prompts';

interface Sample {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

const MB = 1024 * 1024;
function sample(): Sample {
  const m = process.memoryUsage();
  return { rssMb: m.rss / MB, heapUsedMb: m.heapUsed / MB, heapTotalMb: m.heapTotal / MB, externalMb: m.external / MB };
}
const peakMb = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;

/** One folder, in this (fresh) process: prints one JSON line. */
async function child(dir: string, images: number): Promise<void> {
  const gc = global.gc;
  if (!gc) throw new Error('run with --expose-gc');
  const base = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'images', 'twemoji-beer.png'));
  const jpegs = await Promise.all(
    Array.from({ length: 50 }, (_, i) => sharp(base).resize(1024, 768).flatten({ background: { r: 5 * i, g: 255 - 5 * i, b: 128 } }).jpeg().toBuffer()),
  );
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-memory-'));
  const app = await NestFactory.createApplicationContext(
    AppModule.create((c) => ({
      ...c,
      policies: { ...c.policies, dir, watch: false, versionsFile: path.join(tmp, 'v.jsonl') },
      storage: { ...c.storage, dataDir: tmp, blobDir: path.join(tmp, 'blobs'), databaseUrl: null },
    })),
    { logger: ['error'] },
  );
  try {
    const started = sample();
    gc();
    const collected = sample();
    const moderation = app.get(ModerationService);
    const commit = app.get(ModerationCommit);
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < images; i = next++) {
        await moderation.moderate(jpegs[i % jpegs.length], { blur: 'none', client: 'bench', requestId: `m${i}` }, (m) => commit.commit(m, {}));
      }
    };
    await Promise.all(Array.from({ length: 16 }, lane));
    const loaded = sample();
    console.log(JSON.stringify({ started, collected, loaded, peakMb: peakMb() }));
  } finally {
    await app.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const images = Number(arg('images', '600'));
  if (process.argv.includes('--child')) return child(arg('child', ''), images);
  const dirs = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-memory-prompts-'));
  const folders = dirs.length ? dirs.map((d) => path.resolve(d)) : [writePolicyDir(path.join(tmp, 'policies')), path.join(ROOT, 'policies')];
  console.log(`${images} images per folder; ${os.cpus()[0]?.model ?? 'cpu'}\n`);
  console.log('| policy folder | RSS compiled (MB) | main heap live / reserved after GC | outside the heap | RSS after the images | peak RSS | peak vs first |');
  console.log('|---|---|---|---|---|---|---|');
  let first: number | undefined;
  try {
    for (const dir of folders) {
      const out = execFileSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', __filename, '--child', dir, '--images', String(images)], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const r = JSON.parse(out.trim().split('\n').pop()!) as { started: Sample; collected: Sample; loaded: Sample; peakMb: number };
      first ??= r.peakMb;
      const f = (x: number) => x.toFixed(1);
      const name = dir.startsWith(tmp) ? "benchmark's 30 prompts" : path.relative(ROOT, dir) || dir;
      console.log(
        `| ${name} | ${f(r.started.rssMb)} | ${f(r.collected.heapUsedMb)} / ${f(r.collected.heapTotalMb)} | ${f(r.collected.externalMb)} | ${f(r.loaded.rssMb)} | ${f(r.peakMb)} | ${(r.peakMb / first).toFixed(2)} |`,
      );
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
