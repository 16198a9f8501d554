import { readFileSync } from 'fs';
import { join } from 'path';
import sharp from 'sharp';
import { bicubicUpscaleRgb } from './bicubic-upscale';
import { ImagePreprocessor } from './image-preprocessor';
import { centerCropBox, parsePreprocessorConfig, PreprocessorConfig, resizeTarget } from './preprocessor-config';

/**
 * ImagePreprocessor against Pillow (test/fixtures/make_preprocess_fixtures.py): the reference is
 * what Hugging Face's CLIPImageProcessor feeds the model, so this bounds the train/serve skew when
 * a released CLIP model (preprocessed with Pillow) is served through sharp.
 */
const FIX = join(__dirname, '../../test/fixtures');
const MEAN: [number, number, number] = [0.48145466, 0.4578275, 0.40821073];
const STD: [number, number, number] = [0.26862954, 0.26130258, 0.27577711];
const index: { input: string; size: number; reference: string }[] = JSON.parse(readFileSync(join(FIX, 'preprocess/index.json'), 'utf8'));

const config = (size: number): PreprocessorConfig =>
  parsePreprocessorConfig({ size: { shortest_edge: size }, crop_size: { height: size, width: size }, image_mean: MEAN, image_std: STD, resample: 3 });
const preprocessor = (size: number, fastShrinkOnLoad = false) =>
  new ImagePreprocessor(config(size), { background: { r: 255, g: 255, b: 255 }, fastShrinkOnLoad, limitInputPixels: 0 });
const input = (file: string) => readFileSync(join(FIX, 'images', file));

async function reference(file: string, size: number): Promise<Float32Array> {
  const rgb = await sharp(join(FIX, 'preprocess', file)).removeAlpha().raw().toBuffer();
  return preprocessor(size).normalize(rgb, size, size);
}

/** Error in normalised model-input units (1 level of 255 is 1 / (255 * std) = 0.0146..0.0150). */
function diff(a: Float32Array, b: Float32Array) {
  expect(a).toHaveLength(b.length);
  let sum = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    max = Math.max(max, d);
  }
  return { mean: sum / a.length, max };
}

/**
 * Bounds per case, in normalised units, from measurements with sharp 0.35 / libvips 8.17 vs Pillow 9.4
 * plus about 30% headroom for other libvips/libjpeg builds. For scale: a half-pixel shift, a wrong
 * crop offset or an ignored EXIF orientation gives mean errors of 0.1 to 1 (see the last test).
 * - identity (64 px emoji at 64): only the alpha flattening rounds differently: max 1 level.
 * - moderate downscale (2.7x..3.4x to 224): libvips' cubic reduce is Pillow's kernel; mean 0.1
 *   levels, max 13 levels (0.195) at isolated hard edges (rounding of the two separable passes).
 * - strong downscale (>= 9x): libvips box-shrinks by an integer factor before the cubic reduce
 *   (vips_resize gap 2.0, not settable through sharp) where Pillow convolves the full kernel; mean
 *   0.5..1 level, max 13.
 * - upscale (64 -> 224): sharp.resize differs in sample geometry, so the preprocessor enlarges with
 *   bicubicUpscaleRgb (see bicubic-upscale.ts): mean 0.13 levels, max 9 (0.135), outermost pixels only.
 * - JPEG inputs add libjpeg decoder differences (same libjpeg-turbo IDCT in both: small).
 */
const BOUNDS: Record<string, { mean: number; max: number }> = {
  'clip-figure-224.png': { mean: 0.003, max: 0.26 },
  'orientation6-224.png': { mean: 0.002, max: 0.12 },
  'large-224.png': { mean: 0.003, max: 0.2 },
  'clip-figure-64.png': { mean: 0.02, max: 0.18 },
  'orientation6-64.png': { mean: 0.02, max: 0.26 },
  'large-64.png': { mean: 0.01, max: 0.2 },
  'emoji-224.png': { mean: 0.004, max: 0.2 },
  'emoji-64.png': { mean: 0.002, max: 0.016 },
};

describe('ImagePreprocessor vs Pillow (CLIPImageProcessor) fixtures', () => {
  const measured: string[] = [];
  afterAll(() => console.log(`preprocessing error vs Pillow (normalised units):\n${measured.join('\n')}`));

  it.each(index.map((c) => [c.reference, c] as const))('%s within bounds', async (_name, c) => {
    const got = await preprocessor(c.size).preprocess({ data: input(c.input) });
    const d = diff(got, await reference(c.reference, c.size));
    measured.push(`  ${c.reference.padEnd(22)} mean ${d.mean.toFixed(4)} max ${d.max.toFixed(3)}`);
    expect(d.mean).toBeLessThan(BOUNDS[c.reference].mean);
    expect(d.max).toBeLessThan(BOUNDS[c.reference].max);
  });

  it('fastShrinkOnLoad trades a bounded amount of fidelity on a large JPEG', async () => {
    const got = await preprocessor(224, true).preprocess({ data: input('large-4000x3000.jpg') });
    const d = diff(got, await reference('large-224.png', 224));
    measured.push(`  large-224 fastShrinkOnLoad mean ${d.mean.toFixed(4)} max ${d.max.toFixed(3)}`);
    // Measured mean 0.0075, max 0.285: libjpeg's DCT-domain 1/8 scaling is a box filter.
    expect(d.mean).toBeLessThan(0.012);
    expect(d.max).toBeLessThan(0.4);
  });

  it('bicubicUpscaleRgb (affine, pixel-centre geometry) matches Pillow much better when enlarging', async () => {
    const { data, info } = await sharp(input('twemoji-dog-face.png')).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const t = resizeTarget(info.width, info.height, 224);
    const up = await bicubicUpscaleRgb(data, info.width, info.height, t.width, t.height);
    const box = centerCropBox(t.width, t.height, 224, 224);
    const cropped = await sharp(up, { raw: { width: t.width, height: t.height, channels: 3 } }).extract(box).raw().toBuffer();
    const d = diff(preprocessor(224).normalize(cropped, 224, 224), await reference('emoji-224.png', 224));
    measured.push(`  emoji-224 via bicubicUpscaleRgb mean ${d.mean.toFixed(4)} max ${d.max.toFixed(3)}`);
    // Measured mean 0.002 (0.13 levels), max 0.135 (9 levels, outermost pixels only).
    expect(d.mean).toBeLessThan(0.004);
    expect(d.max).toBeLessThan(0.2);
    const odd = await bicubicUpscaleRgb(data, 64, 64, 150, 150); // non-integer offset path
    expect(odd).toHaveLength(150 * 150 * 3);
  });

  it('the comparison is sensitive: ignoring EXIF orientation is far outside the bounds', async () => {
    const { data, info } = await sharp(input('clip-orientation6.jpg')).raw().toBuffer({ resolveWithObject: true });
    const sideways = await preprocessor(224).preprocess({ data, raw: { width: info.width, height: info.height, channels: 3 } });
    const d = diff(sideways, await reference('orientation6-224.png', 224));
    expect(d.mean).toBeGreaterThan(20 * BOUNDS['orientation6-224.png'].mean);
  });
});
