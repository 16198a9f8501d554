/** @jest-environment ./training/ort-jest-environment.js */
/**
 * The shipped ONNX files must compute what the PyTorch model computed at export time.
 * training/export.py writes the reference (fixtures/export-parity.json) in the same run as the ONNX
 * files, so a stale or broken export fails here. Images are stored as uint8 RGB and normalised with
 * the service's own ImagePreprocessor, so the test also pins the tensor layout serving produces.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ort from 'onnxruntime-node';
import { ImagePreprocessor } from '../src/clip/image-preprocessor';
import { parsePreprocessorConfig } from '../src/clip/preprocessor-config';

const MODEL = path.join(__dirname, '..', 'models', 'emoji-clip-demo');
const FIXTURE = path.join(__dirname, 'fixtures', 'export-parity.json');
const hasFixture = fs.existsSync(FIXTURE);

interface Fixture {
  images: { hexcode: string; style: string; width: number; height: number; rgb_base64: string }[];
  image_embeds: number[][];
  texts: string[];
  input_ids: number[][];
  text_embeds: number[][];
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

function rows(t: ort.Tensor): Float32Array[] {
  const [n, d] = t.dims as number[];
  const data = t.data as Float32Array;
  return Array.from({ length: n }, (_, i) => data.subarray(i * d, (i + 1) * d));
}

const suite = hasFixture ? describe : describe.skip;
const reason = hasFixture ? '' : ' (SKIPPED: training/fixtures/export-parity.json is missing; run training/export.py)';

suite(`emoji-clip-demo ONNX export matches PyTorch${reason}`, () => {
  const fx: Fixture = hasFixture ? JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) : ({} as Fixture);
  let vision: ort.InferenceSession;
  let text: ort.InferenceSession;

  beforeAll(async () => {
    vision = await ort.InferenceSession.create(path.join(MODEL, 'onnx', 'vision_model.onnx'));
    text = await ort.InferenceSession.create(path.join(MODEL, 'onnx', 'text_model.onnx'));
  });
  afterAll(async () => {
    await vision?.release();
    await text?.release();
  });

  it('declares the tensor names and shapes the service expects', () => {
    expect(vision.inputNames).toEqual(['pixel_values']);
    expect(vision.outputNames).toEqual(['image_embeds']);
    expect(text.inputNames).toEqual(['input_ids']);
    expect(text.outputNames).toEqual(['text_embeds']);
    const tc = JSON.parse(fs.readFileSync(path.join(MODEL, 'tokenizer_config.json'), 'utf8'));
    expect(fx.input_ids.every((ids) => ids.length === tc.model_max_length)).toBe(true);
  });

  it('image embeddings agree (cosine >= 0.999) on the same pixels', async () => {
    const pre = new ImagePreprocessor(
      parsePreprocessorConfig(JSON.parse(fs.readFileSync(path.join(MODEL, 'preprocessor_config.json'), 'utf8'))),
      { background: { r: 255, g: 255, b: 255 }, fastShrinkOnLoad: true, limitInputPixels: 0 },
    );
    const [c, h, w] = pre.dims;
    const batch = new Float32Array(fx.images.length * c * h * w);
    fx.images.forEach((im, i) => pre.normalize(Buffer.from(im.rgb_base64, 'base64'), im.width, im.height, batch, i * c * h * w));
    const out = await vision.run({ pixel_values: new ort.Tensor('float32', batch, [fx.images.length, c, h, w]) });
    const got = rows(out.image_embeds);
    expect(got).toHaveLength(fx.image_embeds.length);
    got.forEach((row, i) => expect(cosine(row, fx.image_embeds[i])).toBeGreaterThanOrEqual(0.999));
  });

  it('text embeddings agree (cosine >= 0.999) on the same token ids', async () => {
    const n = fx.input_ids.length;
    const len = fx.input_ids[0].length;
    const ids = BigInt64Array.from(fx.input_ids.flat().map((v) => BigInt(v)));
    const out = await text.run({ input_ids: new ort.Tensor('int64', ids, [n, len]) });
    const got = rows(out.text_embeds);
    got.forEach((row, i) => expect(cosine(row, fx.text_embeds[i])).toBeGreaterThanOrEqual(0.999));
    // Distinct captions must not collapse to one vector (a pooling bug would make them identical).
    expect(cosine(got[0], got[1])).toBeLessThan(0.9999);
  });
});
