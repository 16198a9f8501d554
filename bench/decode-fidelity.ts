/**
 * `npm run bench:fidelity [-- --model DIR[,DIR] --dirs DIR,DIR]`: what decoding large images at a
 * reduced scale costs in fidelity. For every photograph found, two ways to the model's input:
 *   full:    the file decoded at full scale, then the bicubic resize and centre crop
 *            (IMAGE_FAST_SHRINK_ON_LOAD=false, the service's Pillow-parity setting);
 *   hashed:  what the service does while PDQ is taken (a PDQ bank holds entries, or HASH_UPLOADS=always):
 *            intake's one decode at a reduced DCT scale (kept for PDQ, src/media/image-codec.ts
 *            pixelsForHash) reused by the engine;
 *   model:   what it does otherwise (the default without PDQ banks): the engine decodes a JPEG itself
 *            with shrink-on-load to at least twice the model's input, then resizes (other formats as hashed).
 * Reported: the embedding cosine default-vs-full per model (min, mean), and the pixel error of each way
 * against Pillow's reference (PIL.Image.resize with BICUBIC on the full decode, then the crop, as
 * CLIPImageProcessor does), when /usr/bin/python3 has PIL. Images: ../shared/pdq/images (BSD photographs),
 * /usr/share/backgrounds and /usr/share/wallpapers (Debian's gnome-backgrounds, lomiri-wallpapers and
 * plasma-workspace-wallpapers, mostly photographs, when installed) and the bench's own JPEGs.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as ort from 'onnxruntime-node';
import * as os from 'os';
import * as path from 'path';
import { ImagePreprocessor } from '../src/clip/image-preprocessor';
import { parsePreprocessorConfig, PreprocessorConfig } from '../src/clip/preprocessor-config';
import { loadConfig } from '../src/config/configuration';
import { ImageCodec } from '../src/media/image-codec';
import { MediaService } from '../src/media/media.service';
import { benchImages } from './images';
import { arg, DEFAULT_BENCH_MODEL, ROOT } from './options';

const PHOTO = /\.(jpe?g|png|webp)$/i;

function photos(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (PHOTO.test(e.name)) out.push(p);
    }
  };
  dirs.forEach(walk);
  // KDE's wallpapers come as one picture in many sizes (<name>/contents/images/WxH.jpg): keep the largest.
  const biggest = new Map<string, string>();
  const size = (f: string) => fs.statSync(f).size;
  for (const f of out.filter((f) => path.basename(path.dirname(f)) === 'images')) {
    const d = path.dirname(f);
    if (!biggest.has(d) || size(f) > size(biggest.get(d)!)) biggest.set(d, f);
  }
  return out.filter((f) => path.basename(path.dirname(f)) !== 'images' || biggest.get(path.dirname(f)) === f);
}

/** Pillow's reference pixels (RGB, crop x crop) for each file, or null without PIL. */
function pillowReference(files: string[], cfg: PreprocessorConfig, tmp: string): (Buffer | null)[] {
  const script = `
import sys
from PIL import Image
edge, crop, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for i, f in enumerate(sys.argv[4:]):
    im = Image.open(f)
    im = im.convert('RGBA')
    bg = Image.new('RGBA', im.size, (255, 255, 255, 255))
    im = Image.alpha_composite(bg, im).convert('RGB')
    w, h = im.size
    # Transformers' CLIPImageProcessor: the longer side truncated, offsets (size - crop) // 2.
    tw, th = (edge, max(1, edge * h // w)) if w <= h else (max(1, edge * w // h), edge)
    im = im.resize((tw, th), Image.BICUBIC)
    left, top = (tw - crop) // 2, (th - crop) // 2
    im = im.crop((left, top, left + crop, top + crop))
    open(f"{out}/{i}.rgb", "wb").write(im.tobytes())
`;
  const r = spawnSync('/usr/bin/python3', ['-c', script, String(cfg.shortestEdge), String(cfg.cropWidth), tmp, ...files], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`(no Pillow reference: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()})`);
    return files.map(() => null);
  }
  return files.map((_, i) => fs.readFileSync(path.join(tmp, `${i}.rgb`)));
}

const stats = (xs: number[]) => ({ min: Math.min(...xs), mean: xs.reduce((a, b) => a + b, 0) / xs.length, max: Math.max(...xs) });

function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
}

/** Mean and max absolute difference of two RGB byte buffers, in 0..255 levels. */
function pixelError(a: Buffer, b: Buffer): { mean: number; max: number } {
  let sum = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    if (d > max) max = d;
  }
  return { mean: sum / a.length, max };
}

async function forModel(modelDir: string, files: string[]) {
  const cfg = parsePreprocessorConfig(JSON.parse(fs.readFileSync(path.join(modelDir, 'preprocessor_config.json'), 'utf8')));
  const background = { r: 255, g: 255, b: 255 };
  const full = new ImagePreprocessor(cfg, { background, fastShrinkOnLoad: false, limitInputPixels: 0 });
  const fast = new ImagePreprocessor(cfg, { background, fastShrinkOnLoad: true, limitInputPixels: 0 });
  const media = new MediaService(loadConfig({}), new ImageCodec());
  const session = await ort.InferenceSession.create(path.join(modelDir, 'onnx', 'vision_model.onnx'), { intraOpNumThreads: os.availableParallelism() });
  const embed = async (t: Float32Array) => (await session.run({ pixel_values: new ort.Tensor('float32', t, [1, 3, cfg.cropHeight, cfg.cropWidth]) })).image_embeds.data as Float32Array;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fidelity-'));
  const refs = pillowReference(files, cfg, tmp);
  fs.rmSync(tmp, { recursive: true, force: true });
  const rows: { file: string; size: string; reduced: string; cos: number; cosModel: number; pxFull?: { mean: number; max: number }; pxDefault?: { mean: number; max: number }; pxModel?: { mean: number; max: number } }[] = [];
  for (const [i, file] of files.entries()) {
    const data = fs.readFileSync(file);
    const image = await media.intake(data);
    const pixels = await media.pixels(image);
    const input = media.frameInput(image, 0, pixels);
    const rgbFull = await full.toRgb({ data });
    const rgbDefault = await fast.toRgb(input);
    // What the service leaves to the engine's own decode (JPEGs); other formats reuse intake's full decode.
    const rgbModel = media.engineDecodesFirstFrame(image) ? await fast.toRgb({ data }) : rgbDefault;
    const eFull = await embed(full.normalize(rgbFull.data, rgbFull.width, rgbFull.height));
    const cos = cosine(eFull, await embed(fast.normalize(rgbDefault.data, rgbDefault.width, rgbDefault.height)));
    const cosModel = cosine(eFull, await embed(fast.normalize(rgbModel.data, rgbModel.width, rgbModel.height)));
    const ref = refs[i];
    rows.push({
      file: path.relative(ROOT, file),
      size: `${image.width}x${image.height}`,
      reduced: `${pixels.width}x${pixels.height}`,
      cos,
      cosModel,
      ...(ref ? { pxFull: pixelError(rgbFull.data, ref), pxDefault: pixelError(rgbDefault.data, ref), pxModel: pixelError(rgbModel.data, ref) } : {}),
    });
  }
  await session.release();
  return { cfg, rows };
}

async function main() {
  const models = arg('model', `${DEFAULT_BENCH_MODEL},models/emoji-clip-demo`).split(',').map((m) => path.resolve(ROOT, m)).filter((m) => fs.existsSync(path.join(m, 'onnx', 'vision_model.onnx')));
  await benchImages(path.join(ROOT, '.cache', 'bench-images'));
  const dirs = arg('dirs', [path.join(ROOT, '..', 'shared', 'pdq', 'images'), '/usr/share/backgrounds', '/usr/share/wallpapers', path.join(ROOT, '.cache', 'bench-images')].join(',')).split(',');
  const files = photos(dirs);
  console.log(`${files.length} images from ${dirs.join(', ')}`);
  const out: string[] = [];
  for (const m of models) {
    const { cfg, rows } = await forModel(m, files);
    const reduced = rows.filter((r) => r.size.split('x')[0] !== r.reduced.split('x')[0]);
    const c = stats(reduced.map((r) => r.cos));
    out.push(`### ${path.relative(ROOT, m)} (${cfg.cropWidth} px input)`, '');
    const cm = stats(rows.map((r) => r.cosModel));
    out.push(`${rows.length} images, ${reduced.length} of them decoded at a reduced scale for hashing. Embedding cosine, hashed path vs full-scale decode, over those: min ${c.min.toFixed(5)}, mean ${c.mean.toFixed(5)}. Model-scale path (no PDQ) vs full-scale decode, all images: min ${cm.min.toFixed(5)}, mean ${cm.mean.toFixed(5)}.`, '');
    const withRef = rows.filter((r) => r.pxFull && r.pxDefault);
    if (withRef.length) {
      const pf = stats(withRef.map((r) => r.pxFull!.mean));
      const pd = stats(withRef.map((r) => r.pxDefault!.mean));
      const pm = stats(withRef.map((r) => r.pxModel!.mean));
      out.push(`Pixel error against Pillow's reference (${withRef.length} images; mean absolute difference in 0..255 levels, mean over images / worst image): full-scale decode ${pf.mean.toFixed(2)} / ${pf.max.toFixed(2)}; hashed path ${pd.mean.toFixed(2)} / ${pd.max.toFixed(2)}; model-scale path ${pm.mean.toFixed(2)} / ${pm.max.toFixed(2)}.`, '');
    }
    const px = (e?: { mean: number; max: number }) => (e ? `${e.mean.toFixed(2)} / ${e.max}` : 'n/a');
    out.push('| image | size | decoded for hashing at | cosine hashed vs full | cosine model-scale vs full | px err full vs Pillow (mean / max) | hashed | model-scale |', '|---|---|---|---|---|---|---|---|');
    for (const r of rows) out.push(`| ${r.file} | ${r.size} | ${r.reduced} | ${r.cos.toFixed(5)} | ${r.cosModel.toFixed(5)} | ${px(r.pxFull)} | ${px(r.pxDefault)} | ${px(r.pxModel)} |`);
    out.push('');
  }
  const md = out.join('\n');
  console.log(md);
  const file = path.join(ROOT, '.cache', 'bench', 'fidelity.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, md);
  console.log(`written to ${path.relative(process.cwd(), file)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
