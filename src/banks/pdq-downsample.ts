/**
 * PDQ's blur-and-decimate step: a full image to 64x64 luma.
 *
 * The reference shrinks an image larger than 512x512 to fit (box average, then antialiased bicubic),
 * blurs it with two rounds of 1-D box filters along rows then columns (Jarosz: repeated boxes make a
 * tent), each box about 1/128 of that side, and keeps one pixel per 64th of each side. All of that is
 * linear and separable, and only 64 rows and 64 columns of the result are kept, so each kept sample
 * is a fixed weighted sum of a short run of input pixels along each axis. We precompute those weights
 * per side length (the same shrink, boxes, edge renormalisation and sample positions) and apply them
 * in one pass over the pixels instead of a resize and four full-image passes; luma is taken after the
 * blur (it is linear too), so RGB is never converted pixel by pixel.
 */

/** Output side of the downsample. */
export const PDQ_GRID = 64;

/** Box width along a side of length n: the reference rounds n/128 up. */
export function jaroszWindow(n: number): number {
  return Math.floor((n + 2 * PDQ_GRID - 1) / (2 * PDQ_GRID));
}

/** Index of the input pixel kept for output sample s (the reference truncates (s + 0.5) * n / 64). */
export function decimationIndex(s: number, n: number): number {
  return Math.floor(((s + 0.5) * n) / PDQ_GRID);
}

/**
 * One box pass's window around position k: an odd box is centred; an even one reaches one further
 * behind than ahead. Near the ends the window is clipped and the mean taken over what remains.
 */
function boxWindow(k: number, n: number, full: number): [number, number] {
  const ahead = Math.floor((full + 2) / 2) - 1;
  const behind = full - ahead - 1;
  return [Math.max(0, k - behind), Math.min(n - 1, k + ahead)];
}

/** For each of the 64 samples along a side: where its run of input pixels starts, and the weights. */
export interface AxisWeights {
  start: Int32Array;
  length: Int32Array;
  /** Sample s's weights are at [s * stride, s * stride + length[s]). */
  weights: Float64Array;
  stride: number;
}

/** A linear map from n input pixels to some outputs, each a weighted run of inputs. */
type Runs = Array<{ start: number; weights: number[] }>;

const cache = new Map<string, AxisWeights>();

/**
 * Weights, along a side of n pixels, of everything between the decoded pixels and the 64x64 grid:
 * the reduction to `reduced` pixels when the image is larger than the reference hashes (see
 * referenceSize), then two box passes and the decimation. Cached per (n, reduced).
 */
export function axisWeights(n: number, reduced = n): AxisWeights {
  const key = `${n}:${reduced}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const resize = reduced === n ? null : thumbnailRuns(n, reduced);
  const tent = tentRuns(reduced);
  const composed: Runs = tent.map((t) => (resize ? compose(t, resize) : t));
  const stride = Math.max(...composed.map((r) => r.weights.length));
  const start = new Int32Array(PDQ_GRID);
  const length = new Int32Array(PDQ_GRID);
  const weights = new Float64Array(PDQ_GRID * stride);
  composed.forEach((r, s) => {
    start[s] = r.start;
    length[s] = r.weights.length;
    weights.set(r.weights, s * stride);
  });
  const out = { start, length, weights, stride };
  if (cache.size > 256) cache.clear();
  cache.set(key, out);
  return out;
}

/** Two box passes then decimation, as runs over a side of n pixels. */
function tentRuns(n: number): Runs {
  const full = jaroszWindow(n);
  const runs: Runs = [];
  for (let s = 0; s < PDQ_GRID; s++) {
    const [lo, hi] = boxWindow(decimationIndex(s, n), n, full);
    const first = boxWindow(lo, n, full)[0];
    const last = boxWindow(hi, n, full)[1];
    const w = new Array<number>(last - first + 1).fill(0);
    const outer = 1 / (hi - lo + 1);
    for (let k = lo; k <= hi; k++) {
      const [a, b] = boxWindow(k, n, full);
      const inner = outer / (b - a + 1);
      for (let m = a; m <= b; m++) w[m - first] += inner;
    }
    runs.push({ start: first, weights: w });
  }
  return runs;
}

/** Run r over the outputs of `inner`, rewritten as a run over inner's inputs. */
function compose(r: { start: number; weights: number[] }, inner: Runs): { start: number; weights: number[] } {
  let first = Infinity;
  let last = -Infinity;
  r.weights.forEach((_, k) => {
    const q = inner[r.start + k];
    first = Math.min(first, q.start);
    last = Math.max(last, q.start + q.weights.length - 1);
  });
  const w = new Array<number>(last - first + 1).fill(0);
  r.weights.forEach((a, k) => {
    const q = inner[r.start + k];
    q.weights.forEach((b, m) => (w[q.start + m - first] += a * b));
  });
  return { start: first, weights: w };
}

/**
 * The size the reference hashes an image at: it first shrinks anything larger than 512x512 to fit,
 * keeping the aspect ratio (each side rounded down or up, whichever keeps the ratio closer).
 */
export function referenceSize(width: number, height: number): { width: number; height: number } {
  if (width <= REFERENCE_SIDE && height <= REFERENCE_SIDE) return { width, height };
  const aspect = width / height;
  const pick = (x: number, error: (k: number) => number) => {
    const lo = Math.floor(x);
    const hi = Math.ceil(x);
    return Math.max(1, error(hi) < error(lo) ? hi : lo);
  };
  if (aspect <= 1) return { width: pick(REFERENCE_SIDE * aspect, (k) => Math.abs(aspect - k / REFERENCE_SIDE)), height: REFERENCE_SIDE };
  return { width: REFERENCE_SIDE, height: pick(REFERENCE_SIDE / aspect, (k) => (k === 0 ? 0 : Math.abs(aspect - REFERENCE_SIDE / k))) };
}

export const REFERENCE_SIDE = 512;

/**
 * The reference's shrink of one side from n to m pixels: when shrinking by 4x or more, first a plain
 * box average by floor(n / m / 2) (the last box may be short), then an antialiased bicubic (Keys,
 * a = -0.5) over the remaining span, its width stretched by the scale.
 */
function thumbnailRuns(n: number, m: number): Runs {
  const factor = Math.max(1, Math.floor(n / m / 2));
  const boxes: Runs = [];
  const boxed = Math.ceil(n / factor);
  for (let i = 0; i < boxed; i++) {
    const count = Math.min(n, (i + 1) * factor) - i * factor;
    boxes.push({ start: i * factor, weights: new Array<number>(count).fill(1 / count) });
  }
  const span = n / factor;
  const scale = span / m;
  const filterScale = Math.max(1, scale);
  const support = 2 * filterScale;
  const runs: Runs = [];
  for (let x = 0; x < m; x++) {
    const centre = (x + 0.5) * scale;
    const lo = Math.max(0, Math.trunc(centre - support + 0.5));
    const hi = Math.min(boxed, Math.trunc(centre + support + 0.5));
    const w: number[] = [];
    let total = 0;
    for (let k = lo; k < hi; k++) {
      const v = cubic((k - centre + 0.5) / filterScale);
      w.push(v);
      total += v;
    }
    const run = { start: lo, weights: w.map((v) => (total === 0 ? 0 : v / total)) };
    runs.push(factor === 1 ? run : compose(run, boxes));
  }
  return runs;
}

function cubic(x: number): number {
  const a = -0.5;
  const t = Math.abs(x);
  if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
  return 0;
}

/** Reused between calls (hashing is synchronous): a fresh one per image costs more in GC than the work. */
let scratch = new Float64Array(0);
/** Images taller than 8192 rows get a buffer of their own rather than one kept for the process. */
const SCRATCH_MAX = 8192 * PDQ_GRID;

/**
 * The 64x64 luma grid (row-major) of an image given as interleaved 8-bit or float samples.
 * channels 1 is luma already, 2 is grey + alpha; with 3 or 4, the first three are R, G, B (alpha
 * ignored, as the reference does).
 */
export function downsampleTo64(data: ArrayLike<number>, width: number, height: number, channels: number): Float64Array {
  const target = referenceSize(width, height);
  const cols = axisWeights(width, target.width);
  const rows = axisWeights(height, target.height);
  // Horizontal first: each input row becomes its 64 column samples, summed in registers; rows go in
  // pairs so each weight is loaded once for both.
  const firstRow = rows.start[0];
  const lastRow = rows.start[PDQ_GRID - 1] + rows.length[PDQ_GRID - 1] - 1;
  const need = height * PDQ_GRID;
  if (scratch.length < need && need <= SCRATCH_MAX) scratch = new Float64Array(need);
  const across = need <= scratch.length ? scratch : new Float64Array(need);
  for (let y = firstRow; y <= lastRow; y += 2) {
    const pair = y < lastRow ? 1 : 0;
    if (channels === 1) sampleRowsLuma(data, y * width, pair * width, cols, across, y * PDQ_GRID);
    else if (channels === 2) sampleRowsGrey(data, y * width * 2, pair * width * 2, cols, across, y * PDQ_GRID);
    else sampleRowsRgb(data, y * width * channels, pair * width * channels, channels, cols, across, y * PDQ_GRID);
  }
  // Then down the 64 columns of that.
  const grid = new Float64Array(PDQ_GRID * PDQ_GRID);
  for (let i = 0; i < PDQ_GRID; i++) {
    const r0 = rows.start[i];
    const rn = rows.length[i];
    const ro = i * rows.stride;
    const out = i * PDQ_GRID;
    for (let r = 0; r < rn; r++) {
      const w = rows.weights[ro + r];
      const src = (r0 + r) * PDQ_GRID;
      for (let j = 0; j < PDQ_GRID; j++) grid[out + j] += w * across[src + j];
    }
  }
  return grid;
}

/** Rows at base and base + next (next 0: one row, written twice). */
function sampleRowsLuma(data: ArrayLike<number>, base: number, next: number, cols: AxisWeights, out: Float64Array, at: number): void {
  const { start, length, weights, stride } = cols;
  for (let j = 0; j < PDQ_GRID; j++) {
    const n = length[j];
    const wo = j * stride;
    const p = base + start[j];
    let s = 0;
    let t = 0;
    for (let c = 0; c < n; c++) {
      const w = weights[wo + c];
      s += w * data[p + c];
      t += w * data[p + next + c];
    }
    out[at + j] = s;
    if (next) out[at + PDQ_GRID + j] = t;
  }
}

/** Grey + alpha: the grey samples, every other one. */
function sampleRowsGrey(data: ArrayLike<number>, base: number, next: number, cols: AxisWeights, out: Float64Array, at: number): void {
  const { start, length, weights, stride } = cols;
  for (let j = 0; j < PDQ_GRID; j++) {
    const n = length[j];
    const wo = j * stride;
    let p = base + 2 * start[j];
    let s = 0;
    let t = 0;
    for (let c = 0; c < n; c++, p += 2) {
      const w = weights[wo + c];
      s += w * data[p];
      t += w * data[p + next];
    }
    out[at + j] = s;
    if (next) out[at + PDQ_GRID + j] = t;
  }
}

function sampleRowsRgb(data: ArrayLike<number>, base: number, next: number, channels: number, cols: AxisWeights, out: Float64Array, at: number): void {
  const { start, length, weights, stride } = cols;
  for (let j = 0; j < PDQ_GRID; j++) {
    const n = length[j];
    const wo = j * stride;
    let p = base + start[j] * channels;
    let r = 0;
    let g = 0;
    let b = 0;
    let r2 = 0;
    let g2 = 0;
    let b2 = 0;
    for (let c = 0; c < n; c++, p += channels) {
      const w = weights[wo + c];
      const q = p + next;
      r += w * data[p];
      g += w * data[p + 1];
      b += w * data[p + 2];
      r2 += w * data[q];
      g2 += w * data[q + 1];
      b2 += w * data[q + 2];
    }
    out[at + j] = lumaOf(r, g, b);
    if (next) out[at + PDQ_GRID + j] = lumaOf(r2, g2, b2);
  }
}

/** The reference's luma coefficients (ITU-R BT.601). */
export function lumaOf(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}
