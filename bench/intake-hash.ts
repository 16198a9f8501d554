/**
 * What hashing at intake costs a moderation: the engine's input made from the encoded file (before
 * banks: libvips decodes, with JPEG shrink-on-load) against the first frame decoded once at full size,
 * PDQ from it, and the engine's input made from those pixels (now). One core (libvips one thread).
 * npx ts-node --transpile-only bench/intake-hash.ts [--runs 15]
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import sharp from 'sharp';
import { signalsOf } from '../src/banks/bank-signals';
import { ImagePreprocessor } from '../src/clip/image-preprocessor';
import { parsePreprocessorConfig } from '../src/clip/preprocessor-config';
import { ImageCodec } from '../src/media/image-codec';

const i = process.argv.indexOf('--runs');
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 15;
sharp.concurrency(1);

async function median(f: () => Promise<unknown>): Promise<[number, number]> {
  for (let k = 0; k < 2; k++) await f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
  return [mid(wall), mid(cpu)];
}

async function main() {
  const root = path.join(__dirname, '..');
  const cfg = parsePreprocessorConfig(JSON.parse(readFileSync(path.join(root, 'models/emoji-clip-demo/preprocessor_config.json'), 'utf8')));
  const codec = new ImageCodec();
  const large = readFileSync(path.join(root, 'test/fixtures/images/large-4000x3000.jpg'));
  const images = { '1024x768 JPEG': await sharp(large).resize(1024, 768).jpeg({ quality: 85 }).toBuffer(), '4000x3000 JPEG': large };
  const fmt = ([w, c]: [number, number]) => `${w.toFixed(1)} / ${c.toFixed(1)}`.padStart(14);
  console.log(`median of ${RUNS}, ms wall / CPU, one core; model input ${cfg.cropWidth}x${cfg.cropHeight}`);
  console.log(['image'.padEnd(16), 'file, shrink-on-load', 'file, full decode', 'decode+PDQ+SHA+MD5+input'].map((s) => s.padStart(14)).join('  '));
  for (const [name, buf] of Object.entries(images)) {
    const fast = new ImagePreprocessor(cfg, { background: { r: 255, g: 255, b: 255 }, fastShrinkOnLoad: true, limitInputPixels: 0 });
    const full = new ImagePreprocessor(cfg, { background: { r: 255, g: 255, b: 255 }, fastShrinkOnLoad: false, limitInputPixels: 0 });
    const before = await median(() => fast.toRgb({ data: buf }));
    const beforeFull = await median(() => full.toRgb({ data: buf }));
    const now = await median(async () => {
      const px = await codec.pixelsForHash(buf, 'jpeg', 1e9);
      signalsOf(buf, px);
      await fast.toRgb({ data: px.data, raw: { width: px.width, height: px.height, channels: px.channels as 3 }, orientation: 1 });
    });
    console.log([name.padEnd(16), fmt(before).padStart(20), fmt(beforeFull).padStart(17), fmt(now).padStart(24)].join('  '));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
