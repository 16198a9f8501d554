/**
 * PDQ cost from already-decoded pixels (what intake will hand it), with the decode beside it for
 * scale, and the exact hashes of the encoded bytes. One core: libvips is limited to one thread.
 * npm run bench:pdq [-- --runs 30]
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import sharp from 'sharp';
import { pdqDihedralFromPixels, pdqFromPixels, PdqPixels } from '../src/banks/pdq';
import { exactHashes } from '../src/banks/exact';
import { ImageCodec } from '../src/media/image-codec';

const i = process.argv.indexOf('--runs');
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 30;
sharp.concurrency(1);

/** Median wall time and median CPU time of this process (all threads), in ms. */
function median(f: () => unknown): [number, number] {
  for (let k = 0; k < 30; k++) f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return [mid(wall), mid(cpu)];
}

const mid = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];

async function medianAsync(f: () => Promise<unknown>): Promise<[number, number]> {
  for (let k = 0; k < 2; k++) await f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < Math.min(RUNS, 15); k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return [mid(wall), mid(cpu)];
}

async function main() {
  const codec = new ImageCodec();
  const large = readFileSync(path.join(__dirname, '..', 'test', 'fixtures', 'images', 'large-4000x3000.jpg'));
  const images = {
    '1024x768': await sharp(large).resize(1024, 768).jpeg({ quality: 85 }).toBuffer(),
    '4000x3000': large,
  };
  const fmt = ([wall, cpu]: [number, number]) => `${wall.toFixed(2)} / ${cpu.toFixed(2)}`.padStart(15);
  console.log(`median of ${RUNS} runs, ms per image as wall / CPU time, one core (CPU time is the fairer figure on a busy machine)`);
  console.log(['image'.padEnd(10), ...['decode', 'pdq rgb', 'pdq rgba', 'pdq luma', 'pdq 8 dihedral', 'sha256+md5'].map((h) => h.padStart(15))].join('  '));
  for (const [name, buf] of Object.entries(images)) {
    const decode = await medianAsync(() => codec.pixels(buf, 1e9));
    const rgb = await codec.pixels(buf, 1e9);
    const rgba = { ...rgb, data: await sharp(rgb.data, { raw: rgb as { width: number; height: number; channels: 3 } }).ensureAlpha().raw().toBuffer(), channels: 4 };
    const luma = new Uint8Array(rgb.width * rgb.height);
    for (let p = 0; p < luma.length; p++) luma[p] = Math.round(0.299 * rgb.data[3 * p] + 0.587 * rgb.data[3 * p + 1] + 0.114 * rgb.data[3 * p + 2]);
    const lumaPx: PdqPixels = { data: luma, width: rgb.width, height: rgb.height, channels: 1 };
    const row = [
      name.padEnd(10),
      fmt(decode),
      fmt(median(() => pdqFromPixels(rgb))),
      fmt(median(() => pdqFromPixels(rgba))),
      fmt(median(() => pdqFromPixels(lumaPx))),
      fmt(median(() => pdqDihedralFromPixels(rgb))),
      fmt(median(() => exactHashes(buf))),
    ];
    console.log(row.join('  '));
  }
}

void main();
