/** Kept import-free: the inference worker loads it. */

/**
 * Interleaved RGB bytes (HWC, `count` images back to back) to the model's normalised float32 CHW
 * batch, through a 3 x 256 lookup table (ImagePreprocessor.pixelLut). Runs in the inference worker:
 * the HTTP thread then ships 1 byte per value instead of 4 and spends no time on the conversion.
 */
export function rgbToTensor(rgb: Uint8Array, count: number, height: number, width: number, lut: Float32Array): Float32Array {
  const plane = height * width;
  const out = new Float32Array(count * 3 * plane);
  for (let n = 0; n < count; n++) {
    const offset = n * 3 * plane;
    for (let c = 0; c < 3; c++) {
      const base = offset + c * plane;
      const l = c * 256;
      for (let i = 0, j = offset + c; i < plane; i++, j += 3) out[base + i] = lut[l + rgb[j]];
    }
  }
  return out;
}
