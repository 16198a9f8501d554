import sharp, { Sharp } from 'sharp';
import { bicubicUpscaleRgb } from './bicubic-upscale';
import { centerCropBox, PreprocessorConfig, resizeTarget } from './preprocessor-config';

/** An encoded image (optionally one page/frame of it) or raw interleaved pixels. */
export type ImageInput =
  | { data: Buffer; page?: number; /** Size after EXIF orientation, when the caller already read the header. */ size?: { width: number; height: number } }
  | {
      data: Buffer;
      raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
      /** EXIF orientation of pixels decoded as stored (1..8): applied here, as the encoded path's rotate() does. */
      orientation?: number;
    };

export interface PreprocessOptions {
  /** Colour that transparency is flattened onto; the demo model was trained on white. */
  background: { r: number; g: number; b: number };
  /**
   * Let libjpeg/libwebp decode large images at 1/2, 1/4 or 1/8 scale before the bicubic resize.
   * Much faster for photographs; costs a little fidelity against Pillow (see the fixture test).
   */
  fastShrinkOnLoad: boolean;
  /** Refuse to decode images above this many pixels (pixel-flood guard); 0 disables. */
  limitInputPixels: number;
}

type Kernel = 'nearest' | 'linear' | 'cubic' | 'mitchell' | 'lanczos2' | 'lanczos3';
const KERNELS: Record<number, Kernel> = {
  0: 'nearest',
  1: 'lanczos3',
  2: 'linear',
  3: 'cubic',
  4: 'linear',
  5: 'cubic',
};

/** Oriented size of the input: EXIF orientations 5..8 swap width and height. */
async function orientedSize(input: ImageInput): Promise<{ width: number; height: number }> {
  if ('raw' in input) return (input.orientation ?? 1) >= 5 ? { width: input.raw.height, height: input.raw.width } : { width: input.raw.width, height: input.raw.height };
  if (input.size) return input.size;
  const meta = await sharp(input.data, { page: input.page ?? 0, limitInputPixels: false }).metadata();
  if (!meta.width || !meta.height) throw new Error('image has no dimensions');
  const pageHeight = meta.pageHeight ?? meta.height;
  const swap = (meta.orientation ?? 1) >= 5;
  return swap ? { width: pageHeight, height: meta.width } : { width: meta.width, height: pageHeight };
}

/**
 * EXIF orientation as sharp operations on pixels that carry no EXIF: the combinations that give the
 * same pixels as sharp's own rotate() of the encoded file (raw-orientation.spec.ts checks all 8).
 */
function orient(img: Sharp, orientation: number): Sharp {
  switch (orientation) {
    case 2:
      return img.flop();
    case 3:
      return img.rotate(180);
    case 4:
      return img.flip();
    case 5:
      return img.rotate(90).flip();
    case 6:
      return img.rotate(90);
    case 7:
      return img.rotate(90).flop();
    case 8:
      return img.rotate(270);
    default:
      return img;
  }
}

/**
 * Turns one image into the model's input tensor: EXIF orientation applied, alpha flattened,
 * shortest edge resized (bicubic, as Pillow/CLIP), center-cropped, rescaled and normalised,
 * returned as float32 CHW. The same code prepares the demo model's training data, so training
 * and serving see identical tensors.
 */
export class ImagePreprocessor {
  constructor(
    private readonly cfg: PreprocessorConfig,
    private readonly opts: PreprocessOptions,
  ) {}

  get tensorSize(): number {
    return 3 * this.cfg.cropWidth * this.cfg.cropHeight;
  }

  get dims(): [number, number, number] {
    return [3, this.cfg.cropHeight, this.cfg.cropWidth];
  }

  /** Resized and cropped RGB bytes (HWC, uint8) before rescale/normalise. */
  async toRgb(input: ImageInput): Promise<{ data: Buffer; width: number; height: number }> {
    const { cfg, opts } = this;
    const size = await orientedSize(input);
    let img =
      'raw' in input
        ? orient(sharp(input.data, { raw: input.raw, limitInputPixels: opts.limitInputPixels || false }), input.orientation ?? 1)
        : sharp(input.data, { page: input.page ?? 0, pages: 1, limitInputPixels: opts.limitInputPixels || false }).rotate();
    img = img.flatten({ background: opts.background }).toColourspace('srgb');
    let w = size.width;
    let h = size.height;
    if (cfg.doResize) {
      const t = resizeTarget(w, h, cfg.shortestEdge);
      const kernel = KERNELS[cfg.resample] ?? 'cubic';
      if (kernel === 'cubic' && t.width > w && t.height > h) {
        // Enlarging (small icons into a 224 px model): libvips' resize differs from Pillow here.
        const rgb = await img.removeAlpha().raw().toBuffer();
        img = sharp(await bicubicUpscaleRgb(rgb, w, h, t.width, t.height), { raw: { width: t.width, height: t.height, channels: 3 } });
      } else if (t.width !== w || t.height !== h) {
        img = img.resize(t.width, t.height, {
          fit: 'fill',
          kernel,
          fastShrinkOnLoad: opts.fastShrinkOnLoad,
        });
      }
      w = t.width;
      h = t.height;
    }
    let outW = w;
    let outH = h;
    if (cfg.doCenterCrop) {
      const box = centerCropBox(w, h, cfg.cropWidth, cfg.cropHeight);
      if (box.left < 0 || box.top < 0) {
        // Smaller than the crop: pad with the background, as Transformers pads with zeros before cropping.
        const padX = Math.max(0, -box.left);
        const padY = Math.max(0, -box.top);
        img = sharp(await img.removeAlpha().raw().toBuffer(), { raw: { width: w, height: h, channels: 3 } }).extend({
          left: padX,
          right: Math.max(0, cfg.cropWidth - w - padX),
          top: padY,
          bottom: Math.max(0, cfg.cropHeight - h - padY),
          background: opts.background,
        });
        w = Math.max(w, cfg.cropWidth);
        h = Math.max(h, cfg.cropHeight);
      }
      const b = centerCropBox(w, h, cfg.cropWidth, cfg.cropHeight);
      if (b.left !== 0 || b.top !== 0 || w !== cfg.cropWidth || h !== cfg.cropHeight) img = img.extract(b);
      outW = cfg.cropWidth;
      outH = cfg.cropHeight;
    }
    const data = await img.removeAlpha().raw().toBuffer();
    if (data.length !== outW * outH * 3) throw new Error(`unexpected pixel buffer size ${data.length}`);
    return { data, width: outW, height: outH };
  }

  /** Float32 CHW tensor data for one image, written into `out` at `offset` when given. */
  async preprocess(input: ImageInput, out?: Float32Array, offset = 0): Promise<Float32Array> {
    const { data, width, height } = await this.toRgb(input);
    return this.normalize(data, width, height, out, offset);
  }

  /** Rescale + normalise as a lookup table: 3 channels x 256 byte values, what `normalize` applies. */
  pixelLut(): Float32Array {
    const { cfg } = this;
    const scale = cfg.doRescale ? cfg.rescaleFactor : 1;
    const lut = new Float32Array(3 * 256);
    for (let c = 0; c < 3; c++) {
      const mean = cfg.doNormalize ? cfg.mean[c] : 0;
      const std = cfg.doNormalize ? cfg.std[c] : 1;
      for (let v = 0; v < 256; v++) lut[c * 256 + v] = (v * scale - mean) / std;
    }
    return lut;
  }

  normalize(rgb: Uint8Array, width: number, height: number, out?: Float32Array, offset = 0): Float32Array {
    const plane = width * height;
    const target = out ?? new Float32Array(3 * plane);
    const luts = this.pixelLut();
    for (let c = 0; c < 3; c++) {
      const base = offset + c * plane;
      // Per-byte lookup: 256 values instead of a multiply-add per pixel.
      const lut = luts.subarray(c * 256, (c + 1) * 256);
      for (let i = 0, j = c; i < plane; i++, j += 3) target[base + i] = lut[rgb[j]];
    }
    return target;
  }
}
