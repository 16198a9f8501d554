/**
 * Where the embedding signal of a bank should sit: cosine between an image and its edited copies (the
 * edits PDQ is blind to: crops, borders, mirrors; and a recompressed, shrunk copy PDQ does catch) versus
 * cosine between unrelated images, with the model the service runs. PDQ distances of the same pairs
 * beside them. Prints the distributions and the threshold that keeps every unrelated pair out.
 *
 * npm run bench:bank-embedding is not a script (package.json is left alone); run:
 *   npx ts-node --transpile-only bench/bank-embedding.ts [--model models/emoji-clip-demo] [--margin 0.02]
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import sharp from 'sharp';
import { hamming } from '../src/banks/hamming';
import { pdqFromPixels } from '../src/banks/pdq';
import { ClipService } from '../src/clip/clip.service';
import { ImageCodec } from '../src/media/image-codec';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const ROOT = path.join(__dirname, '..');
const MODEL = path.resolve(ROOT, arg('model', 'models/emoji-clip-demo'));
const MARGIN = Number(arg('margin', '0.02'));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(png|jpe?g)$/i.test(f) ? [p] : [];
  });
}

/** The edited copies: each a function of the original (flattened on white, as the engine sees it). */
const EDITS: Record<string, (img: Buffer, w: number, h: number) => Promise<Buffer>> = {
  'crop 3%': (b, w, h) => sharp(b).extract(cropBox(w, h, 0.03)).png().toBuffer(),
  'crop 10%': (b, w, h) => sharp(b).extract(cropBox(w, h, 0.1)).png().toBuffer(),
  'border 8px white': (b) => sharp(b).extend({ top: 8, bottom: 8, left: 8, right: 8, background: '#ffffff' }).png().toBuffer(),
  'border 8px black': (b) => sharp(b).extend({ top: 8, bottom: 8, left: 8, right: 8, background: '#000000' }).png().toBuffer(),
  'border 10% black': (b, w, h) => {
    const x = Math.round(w * 0.1);
    const y = Math.round(h * 0.1);
    return sharp(b).extend({ top: y, bottom: y, left: x, right: x, background: '#000000' }).png().toBuffer();
  },
  mirror: (b) => sharp(b).flop().png().toBuffer(),
  'jpeg q50, half size': (b, w, h) => sharp(b).resize(Math.max(8, Math.round(w / 2)), Math.max(8, Math.round(h / 2))).jpeg({ quality: 50 }).toBuffer(),
};

function cropBox(w: number, h: number, f: number) {
  const dx = Math.round(w * f);
  const dy = Math.round(h * f);
  return { left: dx, top: dy, width: w - 2 * dx, height: h - 2 * dy };
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
};
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
const f3 = (x: number) => x.toFixed(3);

async function main() {
  const paths = [
    // Not the truncated PNG, nor the two images derived from clip-figure.png (README there): copies, not unrelated.
    ...files(path.join(ROOT, 'test/fixtures/images')).filter((p) => !/truncated|orientation6|large-4000/.test(p)),
    ...files(path.join(ROOT, 'test/fixtures/samples')),
    ...files(path.join(ROOT, 'test/fixtures/pdq/images/reg-test-input/labelme-subset')),
    path.join(ROOT, 'test/fixtures/pdq/images/reg-test-input/dih/bridge-1-original.jpg'),
  ];
  const clip = new ClipService({ modelDir: MODEL, dtype: 'fp32', workers: 1, intraOpThreads: 1, maxBatchSize: 16, maxBatchWaitMs: 5, maxQueue: 1024, background: { r: 255, g: 255, b: 255 }, fastShrinkOnLoad: false, textCacheSize: 10, limitInputPixels: 100_000_000 });
  await clip.onModuleInit();
  const codec = new ImageCodec();
  const embed = async (b: Buffer) => (await clip.embedImage({ data: b })).embedding;
  const pdq = async (b: Buffer) => pdqFromPixels(await codec.pixels(b, 1e9));

  console.log(`model ${clip.model.id} (${clip.model.projectionDim}-d), ${paths.length} fixture images`);
  const originals: { name: string; png: Buffer; w: number; h: number; e: Float32Array; p: Buffer; quality: number }[] = [];
  const thumbs: Buffer[] = [];
  for (const p of paths) {
    // Flattened on white first: an edit's border or crop should not reveal what transparency hid.
    const { data, info } = await sharp(readFileSync(p)).rotate().flatten({ background: '#ffffff' }).png().toBuffer({ resolveWithObject: true });
    const h = await pdq(data);
    // The fixture folders hold a few copies of the same picture (a twemoji in two places): one of each,
    // judged on a 16x16 thumbnail (mean absolute difference under 3 of 255).
    const thumb = await sharp(data).resize(16, 16, { fit: 'fill' }).removeAlpha().raw().toBuffer();
    if (thumbs.some((t) => t.reduce((s, v, k) => s + Math.abs(v - thumb[k]), 0) / t.length < 3)) continue;
    thumbs.push(thumb);
    originals.push({ name: path.relative(ROOT, p), png: data, w: info.width, h: info.height, e: await embed(data), p: h.hash, quality: h.quality });
  }
  console.log(`${originals.length} distinct originals (copies of one picture dropped)`);
  const unrelated: number[] = [];
  const unrelatedPdq: number[] = [];
  let worst = { cos: -2, a: '', b: '' };
  for (let i = 0; i < originals.length; i++) {
    for (let j = i + 1; j < originals.length; j++) {
      const c = dot(originals[i].e, originals[j].e);
      unrelated.push(c);
      unrelatedPdq.push(hamming(originals[i].p, originals[j].p));
      if (c > worst.cos) worst = { cos: c, a: originals[i].name, b: originals[j].name };
    }
  }
  const edited: Record<string, { cos: number[]; pdq: number[] }> = {};
  for (const [name, edit] of Object.entries(EDITS)) {
    edited[name] = { cos: [], pdq: [] };
    for (const o of originals) {
      const copy = await edit(o.png, o.w, o.h);
      edited[name].cos.push(dot(o.e, await embed(copy)));
      edited[name].pdq.push(hamming(o.p, (await pdq(copy)).hash));
    }
  }
  await clip.onApplicationShutdown();

  const maxUnrelated = Math.max(...unrelated);
  const threshold = Math.min(1, Math.ceil((maxUnrelated + MARGIN) * 100) / 100);
  console.log('\ncosine to the original (min / p10 / median / max) | PDQ distance (median / max; <= 31 is a PDQ match) | caught by the embedding at the threshold below | by PDQ <= 31');
  const row = (label: string, cos: number[], d: number[]) => {
    const byEmb = cos.filter((c) => c >= threshold).length;
    const byPdq = d.filter((x) => x <= 31).length;
    console.log(`${label.padEnd(22)} ${[Math.min(...cos), q(cos, 0.1), q(cos, 0.5), Math.max(...cos)].map(f3).join(' / ').padEnd(30)} | ${`${q(d, 0.5)} / ${Math.max(...d)}`.padEnd(10)} | ${byEmb}/${cos.length} | ${byPdq}/${d.length}`);
  };
  for (const [name, r] of Object.entries(edited)) row(name, r.cos, r.pdq);
  console.log(`\nunrelated pairs: ${unrelated.length}; cosine min ${f3(Math.min(...unrelated))}, median ${f3(q(unrelated, 0.5))}, p95 ${f3(q(unrelated, 0.95))}, p99 ${f3(q(unrelated, 0.99))}, max ${f3(maxUnrelated)} (${worst.a} vs ${worst.b}); PDQ distance min ${Math.min(...unrelatedPdq)}, median ${q(unrelatedPdq, 0.5)}`);
  console.log(`threshold (max unrelated + margin ${MARGIN}, rounded up): ${threshold}; unrelated pairs at or above it: ${unrelated.filter((c) => c >= threshold).length}`);
  const hist = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99];
  console.log('\nshare at or above each cosine:   ' + hist.map((t) => `${t}`.padStart(6)).join(''));
  console.log('  unrelated                      ' + hist.map((t) => `${((100 * unrelated.filter((c) => c >= t).length) / unrelated.length).toFixed(1)}%`.padStart(6)).join(''));
  for (const [name, r] of Object.entries(edited)) console.log(`  ${name.padEnd(29)}` + hist.map((t) => `${((100 * r.cos.filter((c) => c >= t).length) / r.cos.length).toFixed(0)}%`.padStart(6)).join(''));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
