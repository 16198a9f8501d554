/**
 * Checks an ensemble written by training/ensemble.py in onnxruntime-node, on real data: for the first
 * --images emoji of training/data/images.f32 and every category prompt of training/data/prompts.json,
 * every image-prompt cosine the ensemble gives must be the mean of its two members' (within 1e-5).
 *
 *   npx ts-node --transpile-only training/ensemble-check.ts --a DIR --b DIR --ensemble DIR [--images 256]
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ort from 'onnxruntime-node';
import { ClipTokenizer } from '../src/clip/clip-tokenizer';

const arg = (name: string, def?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  if (def === undefined) throw new Error(`--${name} is required`);
  return def;
};
const DATA = path.join(__dirname, 'data');

function unitRows(t: ort.Tensor): Float32Array[] {
  const [n, d] = t.dims as number[];
  const data = t.data as Float32Array;
  return Array.from({ length: n }, (_, i) => {
    const row = data.slice(i * d, (i + 1) * d);
    const norm = Math.hypot(...row);
    return row.map((x) => x / norm);
  });
}

async function cosines(dir: string, pixels: Float32Array, n: number, size: number, ids: BigInt64Array, texts: number, length: number): Promise<number[][]> {
  const vision = await ort.InferenceSession.create(path.join(dir, 'onnx', 'vision_model.onnx'));
  const text = await ort.InferenceSession.create(path.join(dir, 'onnx', 'text_model.onnx'));
  const img = unitRows((await vision.run({ pixel_values: new ort.Tensor('float32', pixels, [n, 3, size, size]) })).image_embeds);
  const txt = unitRows((await text.run({ input_ids: new ort.Tensor('int64', ids, [texts, length]) })).text_embeds);
  return img.map((a) => txt.map((b) => a.reduce((s, x, k) => s + x * b[k], 0)));
}

async function main(): Promise<void> {
  const [a, b, ens] = [arg('a'), arg('b'), arg('ensemble')].map((d) => path.resolve(d));
  const n = Number(arg('images', '256'));
  const config = JSON.parse(fs.readFileSync(path.join(ens, 'config.json'), 'utf8'));
  const size: number = config.vision_config.image_size;
  const length: number = config.text_config.max_position_embeddings;
  const per = 3 * size * size;
  const fd = fs.openSync(path.join(DATA, 'images.f32'), 'r');
  const pixels = new Float32Array(n * per);
  fs.readSync(fd, Buffer.from(pixels.buffer), 0, n * per * 4, 0);
  fs.closeSync(fd);
  const categories = (JSON.parse(fs.readFileSync(path.join(DATA, 'prompts.json'), 'utf8')) as { categories: Record<string, { prompts: { text: string }[] }> }).categories;
  const prompts = Object.values(categories).flatMap((c) => c.prompts.map((p) => p.text));
  const tokenizer = new ClipTokenizer(JSON.parse(fs.readFileSync(path.join(ens, 'tokenizer.json'), 'utf8')), JSON.parse(fs.readFileSync(path.join(ens, 'tokenizer_config.json'), 'utf8')), length);
  const ids = tokenizer.encodeBatch(prompts);
  const [ca, cb, ce] = await Promise.all([a, b, ens].map((d) => cosines(d, pixels, n, size, ids, prompts.length, length)));
  let worst = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < prompts.length; j++) worst = Math.max(worst, Math.abs(ce[i][j] - (ca[i][j] + cb[i][j]) / 2));
  console.log(`${n} images x ${prompts.length} prompts: largest |ensemble cosine - mean of the members'| = ${worst.toExponential(2)}`);
  if (!(worst < 1e-5)) {
    console.error('the ensemble does not compute the mean of its members');
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
