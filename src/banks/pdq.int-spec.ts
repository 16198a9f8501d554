import { readFileSync } from 'fs';
import * as path from 'path';
import { ImageCodec } from '../media/image-codec';
import { hamming, pdqFromHex } from './hamming';
import { pdqDihedralFromPixels, pdqFromLuma, pdqFromPixels, PdqHash, PdqPixels } from './pdq';

const FIXTURES = path.join(__dirname, '..', '..', 'test', 'fixtures', 'pdq');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected-hashes.json'), 'utf8')) as Record<'reference_python_cpp' | 'reference_wasm', Record<string, string>>;
const REFERENCE = expected.reference_python_cpp;
const ORIGINAL = 'reg-test-input/dih/bridge-1-original.jpg';
const codec = new ImageCodec();

async function pixels(rel: string): Promise<PdqPixels> {
  return codec.pixels(readFileSync(path.join(FIXTURES, 'images', rel)), 1e8);
}
const hashes = new Map<string, PdqHash>();
async function hashOf(rel: string): Promise<PdqHash> {
  if (!hashes.has(rel)) hashes.set(rel, pdqFromPixels(await pixels(rel)));
  return hashes.get(rel)!;
}
const distance = (h: PdqHash, hex: string) => hamming(h.hash, pdqFromHex(hex));

describe('PDQ against the reference test set (their criterion)', () => {
  it.each(Object.keys(REFERENCE))('%s: quality >= 80 hashes within 10 bits of the reference', async (rel) => {
    const h = await hashOf(rel);
    expect(h.hex).toMatch(/^[0-9a-f]{64}$/);
    if (h.quality >= 80) expect(distance(h, REFERENCE[rel])).toBeLessThanOrEqual(10);
  });

  it('the photos, decoded by libvips rather than Pillow, give the reference hash bit for bit', async () => {
    for (const rel of [ORIGINAL, 'reg-test-input/dih/bridge-2-rotate-90.jpg', 'reg-test-input/labelme-subset/q2821.jpg', 'misc-images/wee.jpg']) {
      expect([rel, distance(await hashOf(rel), REFERENCE[rel])]).toEqual([rel, 0]);
    }
  });

  it('scores the flat and dark images low and the photos high', async () => {
    expect((await hashOf('misc-images/small.jpg')).quality).toBeLessThan(50);
    expect((await hashOf('reg-test-input/labelme-subset/q0003.jpg')).quality).toBeLessThan(50);
    expect((await hashOf(ORIGINAL)).quality).toBe(100);
  });

  it('keeps every edited copy (blur, sharpen, shrink, recolour, squash) within 31 bits of the original', async () => {
    const orig = await hashOf(ORIGINAL);
    const mods = Object.keys(expected.reference_wasm).filter((n) => n.startsWith('bridge-mods/'));
    expect(mods.length).toBeGreaterThanOrEqual(8);
    for (const rel of mods) {
      const h = await hashOf(rel);
      expect([rel, hamming(h.hash, orig.hash) <= 31]).toEqual([rel, true]);
      expect([rel, distance(h, expected.reference_wasm[rel]) <= 16]).toEqual([rel, true]);
    }
  });

  it('keeps unrelated photos far apart', async () => {
    const photos = Object.keys(REFERENCE).filter((n) => n.includes('labelme-subset'));
    const ds: number[] = [];
    for (let i = 0; i < photos.length; i++) {
      for (let j = i + 1; j < photos.length; j++) ds.push(hamming((await hashOf(photos[i])).hash, (await hashOf(photos[j])).hash));
    }
    expect(ds).toHaveLength(21);
    expect(Math.min(...ds)).toBeGreaterThan(31 * 3);
  });

  it('predicts the rotated and mirrored files from the original within the match threshold', async () => {
    const d = pdqDihedralFromPixels(await pixels(ORIGINAL));
    expect(d.original.hex).toBe((await hashOf(ORIGINAL)).hex);
    expect(distance(d.rotate90, REFERENCE['reg-test-input/dih/bridge-2-rotate-90.jpg'])).toBeLessThanOrEqual(31);
    expect(distance(d.flipY, REFERENCE['reg-test-input/dih/bridge-6-flipy.jpg'])).toBeLessThanOrEqual(31);
    // and not the other way round: a wrong sign table or name lands near 128
    expect(distance(d.rotate270, REFERENCE['reg-test-input/dih/bridge-2-rotate-90.jpg'])).toBeGreaterThan(64);
  });
});

/** Deterministic noise, smoothed a little so it has photo-like low frequencies. */
function texture(width: number, height: number, channels: number, seed = 1): Uint8Array {
  const out = new Uint8Array(width * height * channels);
  const across = Array.from({ length: width * channels }, (_, k) => Math.sin(Math.floor(k / channels) / 7 + (k % channels)));
  const down = Array.from({ length: height }, (_, y) => 80 * Math.cos(y / 11));
  let s = seed;
  for (let y = 0, i = 0; y < height; y++) {
    for (let k = 0; k < width * channels; k++, i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      out[i] = Math.max(0, Math.min(255, Math.round(128 + down[y] * across[k] + ((s >>> 24) - 128) / 4)));
    }
  }
  return out;
}

/** The reference pipeline written the slow, literal way: four full-image box passes, then decimation. */
function literalGrid(luma: Float64Array, width: number, height: number): Float64Array {
  const box = (src: Float64Array, n: number, stride: number, count: number, step: number, full: number) => {
    const out = new Float64Array(src.length);
    const ahead = Math.floor((full + 2) / 2) - 1;
    const behind = full - ahead - 1;
    for (let line = 0; line < count; line++) {
      for (let k = 0; k < n; k++) {
        let sum = 0;
        const lo = Math.max(0, k - behind);
        const hi = Math.min(n - 1, k + ahead);
        for (let m = lo; m <= hi; m++) sum += src[line * step + m * stride];
        out[line * step + k * stride] = sum / (hi - lo + 1);
      }
    }
    return out;
  };
  const wx = Math.floor((width + 127) / 128);
  const wy = Math.floor((height + 127) / 128);
  let a = luma;
  for (let pass = 0; pass < 2; pass++) {
    a = box(a, width, 1, height, width, wx);
    a = box(a, height, width, width, 1, wy);
  }
  const grid = new Float64Array(64 * 64);
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 64; j++) grid[i * 64 + j] = a[Math.floor(((i + 0.5) * height) / 64) * width + Math.floor(((j + 0.5) * width) / 64)];
  }
  return grid;
}

describe('PDQ pipeline (pure)', () => {
  it.each([
    [64, 64],
    [5, 9],
    [100, 37],
    [300, 130],
    [511, 96],
  ])('the precomputed blur weights give the literal box-filter result (%ix%i)', async (w, h) => {
    const { downsampleTo64 } = await import('./pdq-downsample');
    const rgb = texture(w, h, 3);
    const luma = new Float64Array(w * h);
    for (let p = 0; p < luma.length; p++) luma[p] = 0.299 * rgb[3 * p] + 0.587 * rgb[3 * p + 1] + 0.114 * rgb[3 * p + 2];
    const fast = downsampleTo64(rgb, w, h, 3);
    const slow = literalGrid(luma, w, h);
    let worst = 0;
    for (let k = 0; k < fast.length; k++) worst = Math.max(worst, Math.abs(fast[k] - slow[k]));
    expect(worst).toBeLessThan(1e-9);
  });

  it('ignores alpha, and hashes grey RGB and grey + alpha like the luma plane', () => {
    const w = 200;
    const h = 150;
    const rgb = texture(w, h, 3);
    const rgba = new Uint8Array(w * h * 4);
    for (let p = 0; p < w * h; p++) {
      rgba.set(rgb.subarray(3 * p, 3 * p + 3), 4 * p);
      rgba[4 * p + 3] = (p * 37) & 255;
    }
    expect(pdqFromPixels({ data: rgba, width: w, height: h, channels: 4 }).hex).toBe(pdqFromPixels({ data: rgb, width: w, height: h, channels: 3 }).hex);
    const grey = texture(w, h, 1, 7);
    const greyRgb = new Uint8Array(w * h * 3).map((_, i) => grey[Math.floor(i / 3)]);
    const a = pdqFromLuma(grey, w, h);
    expect(a.quality).toBeGreaterThan(50);
    expect(hamming(a.hash, pdqFromPixels({ data: greyRgb, width: w, height: h, channels: 3 }).hash)).toBe(0);
    expect(pdqFromLuma(Float32Array.from(grey), w, h).hex).toBe(a.hex);
    const greyAlpha = new Uint8Array(w * h * 2).map((_, i) => (i & 1 ? (i * 13) & 255 : grey[i >> 1]));
    expect(pdqFromPixels({ data: greyAlpha, width: w, height: h, channels: 2 }).hex).toBe(a.hex);
  });

  it('sets half the bits, and gives a flat image quality 0', () => {
    const h = pdqFromPixels({ data: texture(320, 240, 3), width: 320, height: 240, channels: 3 });
    let bits = 0;
    for (const byte of h.hash) for (let b = 0; b < 8; b++) bits += (byte >> b) & 1;
    expect(bits).toBe(128);
    expect(pdqFromLuma(new Uint8Array(100 * 100).fill(90), 100, 100).quality).toBe(0);
  });

  it('gives no hash below 5 pixels a side, as the reference does, and refuses bad geometry', () => {
    expect(pdqFromLuma(new Uint8Array(4 * 100).fill(200), 4, 100)).toEqual({ hash: Buffer.alloc(32), hex: '0'.repeat(64), quality: 0 });
    expect(() => pdqFromLuma(new Uint8Array(10), 5, 5)).toThrow(RangeError);
    expect(() => pdqFromPixels({ data: new Uint8Array(100), width: 10, height: 10, channels: 5 })).toThrow(RangeError);
    expect(() => pdqFromPixels({ data: new Uint8Array(100), width: 2.5, height: 4, channels: 1 })).toThrow(RangeError);
  });

  // On a 64x64 image the blur is the identity and the sample grid symmetric, so transforming the
  // coefficients must give exactly the hash of the transformed pixels.
  it.each([
    ['rotate90', (y: number, x: number) => [x, 63 - y]],
    ['rotate180', (y: number, x: number) => [63 - y, 63 - x]],
    ['rotate270', (y: number, x: number) => [63 - x, y]],
    ['flipX', (y: number, x: number) => [63 - y, x]],
    ['flipY', (y: number, x: number) => [y, 63 - x]],
    ['flipPlus1', (y: number, x: number) => [x, y]],
    ['flipMinus1', (y: number, x: number) => [63 - x, 63 - y]],
  ] as const)('dihedral %s equals the hash of the pixels so transformed', (name, from) => {
    const img = texture(64, 64, 1, 3);
    const moved = new Uint8Array(64 * 64);
    for (let y = 0; y < 64; y++) {
      for (let x = 0; x < 64; x++) {
        const [sy, sx] = from(y, x);
        moved[y * 64 + x] = img[sy * 64 + sx];
      }
    }
    const d = pdqDihedralFromPixels({ data: img, width: 64, height: 64, channels: 1 });
    expect(d[name].hex).toBe(pdqFromLuma(moved, 64, 64).hex);
    expect(d[name].hex).not.toBe(d.original.hex);
  });
});

describe('the reference shrink to 512x512', () => {
  // Sizes as Pillow's thumbnail((512, 512)) picks them: each side rounded down or up, whichever keeps
  // the aspect ratio closer.
  it.each([
    [1600, 1004, 512, 321],
    [1004, 1600, 321, 512],
    [1432, 812, 512, 290],
    [4000, 3000, 512, 384],
    [600, 300, 512, 256],
    [513, 100, 512, 100],
    [512, 512, 512, 512],
    [300, 200, 300, 200],
  ])('%ix%i hashes as %ix%i', async (w, h, tw, th) => {
    const { referenceSize } = await import('./pdq-downsample');
    expect(referenceSize(w, h)).toEqual({ width: tw, height: th });
  });
});
