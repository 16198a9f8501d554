/**
 * How far PDQ moves when a JPEG is decoded at a reduced DCT scale (libvips shrink-on-load) instead of
 * in full: per image and scale (1/2, 1/4, 1/8), the Hamming distance between the hash of the reduced
 * decode and that of the full decode, grouped by the long side the reduced decode keeps. This is the
 * evidence for the rule ImageCodec.pixelsForHash applies (the smallest scale whose long side is at
 * least 512 px, the side of PDQ's own thumbnail) and for where that bound should sit.
 * npm run bench:pdq-scale [-- DIR ...]   (default: ../shared/pdq/images and Debian's wallpaper folders)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import sharp from 'sharp';
import { hamming } from '../src/banks/hamming';
import { pdqFromPixels } from '../src/banks/pdq';
import { ImageCodec } from '../src/media/image-codec';

const DEFAULT_DIRS = [path.join(__dirname, '..', '..', 'shared', 'pdq', 'images'), '/usr/share/backgrounds', '/usr/share/wallpapers'];
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_DIRS.filter((d) => existsSync(d));

function jpegs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) out.push(...jpegs(p));
    else if (/\.jpe?g$/i.test(name)) out.push(p);
  }
  return out;
}

/** Long-side bands the reduced decodes fall into. */
const BANDS = [
  [0, 256],
  [256, 384],
  [384, 448],
  [448, 512],
  [512, 1024],
  [1024, Infinity],
] as const;

async function reduced(buf: Buffer, w: number, h: number, scale: number) {
  const { data, info } = await sharp(buf, { limitInputPixels: 1e9, pages: 1 })
    .resize(Math.ceil(w / scale), Math.ceil(h / scale), { fit: 'fill', fastShrinkOnLoad: true })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

async function main() {
  const codec = new ImageCodec();
  const files = [...new Set(dirs.flatMap(jpegs))];
  const byBand = new Map<string, number[]>();
  let images = 0;
  // Phone-sized photos (12 MP, 4000 px long side) are few in the folders: every photo larger than that
  // is also re-encoded (JPEG q90) at 3600 and 4000 px, whose 1/8 decodes keep 450 and 500 px.
  const inputs: Buffer[] = [];
  for (const file of files) {
    const buf = readFileSync(file);
    inputs.push(buf);
    const m = await sharp(buf).metadata();
    if (Math.max(m.width ?? 0, m.height ?? 0) <= 4000) continue;
    for (const side of [3600, 4000]) inputs.push(await sharp(buf).resize(side, side, { fit: 'inside' }).jpeg({ quality: 90 }).toBuffer());
  }
  for (const buf of inputs) {
    const m = await sharp(buf).metadata();
    const w = m.width ?? 0;
    const h = m.height ?? 0;
    if (Math.max(w, h) < 128) continue;
    const full = pdqFromPixels(await codec.pixels(buf, 1e9));
    if (full.quality < 50) continue; // flat images: PDQ says not to trust them
    images++;
    for (const scale of [2, 4, 8]) {
      const side = Math.ceil(Math.max(w, h) / scale);
      if (side < 64) continue;
      const d = hamming(full.hash, pdqFromPixels(await reduced(buf, w, h, scale)).hash);
      const band = BANDS.find(([lo, hi]) => side >= lo && side < hi)!;
      const key = `${band[0]}-${band[1] === Infinity ? 'inf' : band[1]}`;
      byBand.set(key, [...(byBand.get(key) ?? []), d]);
    }
  }
  console.log(`${images} JPEGs with PDQ quality >= 50 (${files.length} files and their 3600/4000-px copies) from ${dirs.join(', ')}`);
  console.log('long side of the reduced decode | decodes | distance to the full decode: mean, p95, max | share <= 10 bits');
  for (const [lo, hi] of BANDS) {
    const ds = byBand.get(`${lo}-${hi === Infinity ? 'inf' : hi}`);
    if (!ds?.length) continue;
    const s = [...ds].sort((a, b) => a - b);
    const mean = s.reduce((a, b) => a + b, 0) / s.length;
    const within = s.filter((d) => d <= 10).length / s.length;
    console.log(`${String(lo).padStart(4)}..${hi === Infinity ? 'inf' : String(hi - 1).padEnd(4)} | ${String(s.length).padStart(7)} | ${mean.toFixed(1).padStart(5)}, ${String(s[Math.floor(0.95 * (s.length - 1))]).padStart(3)}, ${String(s[s.length - 1]).padStart(3)} | ${(100 * within).toFixed(1)}%`);
  }
}

void main();
