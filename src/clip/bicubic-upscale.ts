import sharp from 'sharp';

/** Edge pixels replicated around the image: enough for the 4-tap bicubic window at any scale. */
const PAD = 4;

/**
 * Bicubic enlargement that matches Pillow's `Image.resize(..., BICUBIC)` (what CLIP was trained
 * with) far better than `sharp.resize()` does when upscaling. Measured on a 64 px Twemoji upscaled
 * to 224 px against Pillow: resize(kernel 'cubic') mean 1.97 / max 40 levels of 255, this function
 * mean 0.13 / max 9 (the max only on the outermost pixels, where Pillow renormalises its truncated
 * kernel instead of replicating the edge).
 *
 * Why it works: libvips' bicubic interpolator is the same Catmull-Rom (a = -0.5) cubic as Pillow's;
 * what differs is geometry. Pillow samples at pixel centres, src = (dst + 0.5) / s - 0.5, which in
 * affine terms is an output offset of 0.5 * (s - 1); and affine reads outside the image as
 * background, so the input is padded with copies of its edge first.
 *
 * Only for enlargement: affine does not low-pass, so shrinking with it aliases (Transformers.js
 * resizes with affine in both directions and inherits that).
 */
export async function bicubicUpscaleRgb(rgb: Buffer, width: number, height: number, targetWidth: number, targetHeight: number): Promise<Buffer> {
  if (targetWidth < width || targetHeight < height) throw new Error('bicubicUpscaleRgb only enlarges');
  const sx = targetWidth / width;
  const sy = targetHeight / height;
  // The original's top-left lands at PAD * s in the output; shift by the fraction so it is a whole pixel.
  const left = Math.ceil(PAD * sx);
  const top = Math.ceil(PAD * sy);
  const padded = await sharp(rgb, { raw: { width, height, channels: 3 } })
    .extend({ top: PAD, bottom: PAD, left: PAD, right: PAD, extendWith: 'copy' })
    .raw()
    .toBuffer();
  const out = await sharp(padded, { raw: { width: width + 2 * PAD, height: height + 2 * PAD, channels: 3 } })
    .affine([sx, 0, 0, sy], {
      interpolator: 'bicubic',
      odx: 0.5 * (sx - 1) + (left - PAD * sx),
      ody: 0.5 * (sy - 1) + (top - PAD * sy),
    })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return sharp(out.data, { raw: { width: out.info.width, height: out.info.height, channels: 3 } })
    .extract({ left, top, width: targetWidth, height: targetHeight })
    .raw()
    .toBuffer();
}
