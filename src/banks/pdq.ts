/**
 * PDQ, Meta's 256-bit perceptual image hash (algorithm and test data from the ThreatExchange
 * reference, BSD licence; this is our own implementation). From decoded pixels: luma, blur and
 * decimate to 64x64, the 16x16 lowest non-DC frequencies of a 2-D DCT, one bit per frequency for
 * "above the median". A quality score (0..100) counts strong gradients in the 64x64 grid: flat images
 * score low and their hashes match too easily.
 *
 * Pure: no decoding here. Callers pass pixels they already decoded.
 */
import { downsampleTo64, PDQ_GRID } from './pdq-downsample';
import { DIHEDRAL_NAMES, DihedralName, dihedralCoefficients } from './pdq-dihedral';
import { PDQ_BYTES } from './hamming';

export interface PdqHash {
  /** 32 bytes, in the order of the reference's 64-digit hex form. */
  hash: Buffer;
  /** 64 lowercase hex digits, as the reference and HMA write PDQ hashes. */
  hex: string;
  /** 0..100; the reference suggests discarding hashes of quality below 50. */
  quality: number;
}

export type PdqDihedralHashes = Record<DihedralName, PdqHash>;

/** Raw pixels: interleaved samples, row-major, no padding between rows. */
export interface PdqPixels {
  data: Uint8Array | Uint8ClampedArray | Float32Array | Float64Array;
  width: number;
  height: number;
  /** 1: luma (or grey); 2: grey + alpha; 3: RGB; 4: RGBA. Alpha is ignored, as in the reference. */
  channels: number;
}

/** Below this side the reference gives no hash (all zero bits, quality 0). */
export const PDQ_MIN_SIDE = 5;
const COEFFS = 16;

/** Rows 1..16 of the orthonormal 64-point DCT-II (row 0, the mean, carries no shape). */
const DCT = (() => {
  const m = new Float64Array(COEFFS * PDQ_GRID);
  const scale = Math.sqrt(2 / PDQ_GRID);
  for (let u = 0; u < COEFFS; u++) {
    for (let x = 0; x < PDQ_GRID; x++) m[u * PDQ_GRID + x] = scale * Math.cos((Math.PI / (2 * PDQ_GRID)) * (u + 1) * (2 * x + 1));
  }
  return m;
})();

/** PDQ of one image from its decoded pixels. */
export function pdqFromPixels(pixels: PdqPixels): PdqHash {
  const coeffs = coefficientsOf(pixels);
  if (!coeffs) return emptyHash();
  return toHash(coeffs.dct, coeffs.quality);
}

/** PDQ from a luma plane (one value per pixel, 0..255). */
export function pdqFromLuma(luma: Uint8Array | Float32Array | Float64Array, width: number, height: number): PdqHash {
  return pdqFromPixels({ data: luma, width, height, channels: 1 });
}

/**
 * The hashes of the image's 8 rotations and mirrors, from one DCT (the reference's dihedral set).
 * Close to, not exactly, the hash of a rotated or mirrored copy: the blur's sample grid is not
 * symmetric.
 */
export function pdqDihedralFromPixels(pixels: PdqPixels): PdqDihedralHashes {
  const coeffs = coefficientsOf(pixels);
  const out = {} as PdqDihedralHashes;
  for (const name of DIHEDRAL_NAMES) {
    out[name] = coeffs ? toHash(dihedralCoefficients(coeffs.dct, name), coeffs.quality) : emptyHash();
  }
  return out;
}

function coefficientsOf(p: PdqPixels): { dct: Float64Array; quality: number } | null {
  const { data, width, height, channels } = p;
  if (!Number.isInteger(width) || !Number.isInteger(height) || !Number.isInteger(channels) || channels < 1 || channels > 4) {
    throw new RangeError(`pdq: bad geometry ${width}x${height}x${channels}`);
  }
  if (data.length < width * height * channels) throw new RangeError(`pdq: ${data.length} samples for ${width}x${height}x${channels}`);
  if (width < PDQ_MIN_SIDE || height < PDQ_MIN_SIDE) return null;
  const grid = downsampleTo64(data, width, height, channels);
  return { dct: dct16(grid), quality: qualityOf(grid) };
}

/**
 * Sum of the absolute differences between neighbours in the 64x64 grid, each first scaled to a
 * percentage of full range and truncated, so only marked edges count; 90 such points make one
 * quality point, capped at 100 (the reference's heuristic).
 */
export function qualityOf(grid: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < PDQ_GRID; i++) {
    for (let j = 0; j < PDQ_GRID; j++) {
      const u = grid[i * PDQ_GRID + j];
      if (i + 1 < PDQ_GRID) sum += Math.abs(Math.trunc(((u - grid[(i + 1) * PDQ_GRID + j]) * 100) / 255));
      if (j + 1 < PDQ_GRID) sum += Math.abs(Math.trunc(((u - grid[i * PDQ_GRID + j + 1]) * 100) / 255));
    }
  }
  return Math.min(100, Math.trunc(sum / 90));
}

/** D * grid * D^T: 16x16, row-major. */
export function dct16(grid: Float64Array): Float64Array {
  const t = new Float64Array(COEFFS * PDQ_GRID);
  for (let u = 0; u < COEFFS; u++) {
    const tRow = u * PDQ_GRID;
    for (let k = 0; k < PDQ_GRID; k++) {
      const d = DCT[u * PDQ_GRID + k];
      const gRow = k * PDQ_GRID;
      for (let x = 0; x < PDQ_GRID; x++) t[tRow + x] += d * grid[gRow + x];
    }
  }
  const out = new Float64Array(COEFFS * COEFFS);
  for (let u = 0; u < COEFFS; u++) {
    for (let v = 0; v < COEFFS; v++) {
      let s = 0;
      for (let k = 0; k < PDQ_GRID; k++) s += t[u * PDQ_GRID + k] * DCT[v * PDQ_GRID + k];
      out[u * COEFFS + v] = s;
    }
  }
  return out;
}

/**
 * Bit (16 * row + column) is set when that coefficient is above the median (the 128th smallest of
 * the 256). The reference prints bits as 16 words of 16 bits, word 15 first: bit k sits in word
 * k >> 4 at position k & 15, and each word is written big-endian.
 */
function toHash(coeffs: Float64Array, quality: number): PdqHash {
  const sorted = Float64Array.from(coeffs).sort();
  const median = sorted[(coeffs.length >> 1) - 1];
  const hash = Buffer.alloc(PDQ_BYTES);
  for (let k = 0; k < coeffs.length; k++) {
    if (coeffs[k] > median) {
      const word = k >> 4;
      const bit = k & 15;
      const byte = (15 - word) * 2 + (bit < 8 ? 1 : 0);
      hash[byte] |= 1 << (bit & 7);
    }
  }
  return { hash, hex: hash.toString('hex'), quality };
}

function emptyHash(): PdqHash {
  const hash = Buffer.alloc(PDQ_BYTES);
  return { hash, hex: hash.toString('hex'), quality: 0 };
}
