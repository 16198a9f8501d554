import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { rememberSha256, sha256Of } from '../common/body-digest';
import { APP_CONFIG, AppConfig, ImageFormat } from '../config/configuration';
import { ImageCodec } from './image-codec';
import { ApngError, parseApng, PngTruncatedError, renderApng } from './apng';
import { walkGif } from './gif-structure';
import { countJpegScans } from './jpeg-scans';
import { CONTENT_TYPES, sniffFormat } from './sniff';

export interface MediaImage {
  data: Buffer;
  format: ImageFormat;
  contentType: string;
  width: number;
  height: number;
  frames: number;
  /** Frame indices to score: all of them up to MEDIA_SAMPLED_FRAMES, else evenly spaced. */
  sampledFrames: number[];
  sha256: string;
  bytes: number;
  /** Width and height of one frame after its EXIF orientation is applied (what the model sees). */
  displaySize: { width: number; height: number };
  /** APNG only: the sampled frames, composited (libvips decodes only an APNG's default image). */
  rendered?: Map<number, RawFrame>;
  /** EXIF orientation (1 = as stored). */
  orientation: number;
}

/** Decoded 8-bit sRGB samples of the first frame as stored (no EXIF rotation): what PDQ hashes. */
export interface DecodedPixels {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

/** Decoded RGB(A) pixels of one frame, in the engine's raw input shape (orientation: EXIF, of pixels as stored). */
export interface RawFrame {
  data: Buffer;
  raw: { width: number; height: number; channels: 3 | 4 };
  orientation?: number;
}

/** What the engine embeds for one frame: the encoded image and a page (with its known size, so the engine need not read the header again), or rendered pixels. */
export type FrameInput = { data: Buffer; page: number; size: { width: number; height: number } } | RawFrame;

/** Rendered APNG frames are shrunk to this longer side: bounded memory, and the model sees 224 px. */
const RENDER_MAX_SIDE = 1024;

/**
 * A decode that libvips refused, as the API's error (422 image_undecodable): the one wording for the
 * header read at intake and the first frame's full decode (`pixels`), naming the sniffed format.
 */
function undecodable(format: string, e: unknown): AppError {
  return new AppError('image_undecodable', `the ${format} image could not be decoded: ${(e as Error).message}`);
}

/** Evenly spaced frame indices, always including the first and the last. */
export function sampleFrames(total: number, max: number): number[] {
  if (total <= max) return Array.from({ length: total }, (_, i) => i);
  if (max === 1) return [0];
  const out = new Set<number>();
  for (let i = 0; i < max; i++) out.add(Math.round((i * (total - 1)) / (max - 1)));
  return [...out];
}

/**
 * Image intake: byte limit, format allowlist by magic bytes, header decode, pixel and frame limits.
 * Runs before any full decode, so a pixel flood or a thousand-frame GIF costs a header read only.
 */
@Injectable()
export class MediaService {
  private readonly cfg: AppConfig['media'];
  /** IMAGE_FAST_SHRINK_ON_LOAD=false: the model sees the image decoded at full scale (Pillow parity). */
  private readonly fullScaleForModel: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly codec: ImageCodec,
  ) {
    this.cfg = config.media;
    this.fullScaleForModel = !config.clip.fastShrinkOnLoad;
  }

  get limits() {
    return this.cfg;
  }

  async intake(data: Buffer): Promise<MediaImage> {
    if (data.length === 0) throw new AppError('missing_image', 'the image is empty (0 bytes)');
    if (data.length > this.cfg.maxBytes) {
      throw new AppError('payload_too_large', `image is ${data.length} bytes; the limit is ${this.cfg.maxBytes}`, {
        bytes: data.length,
        limit: this.cfg.maxBytes,
      });
    }
    const sniffed = sniffFormat(data);
    if (!sniffed || sniffed === 'svg' || !this.cfg.formats.includes(sniffed)) {
      throw new AppError('unsupported_media_type', `unsupported image format${sniffed ? ` "${sniffed}"` : ''}; accepted: ${this.cfg.formats.join(', ')}`, {
        detected: sniffed,
        accepted: this.cfg.formats,
      });
    }
    if (sniffed === 'jpeg') {
      const scans = countJpegScans(data, this.cfg.maxJpegScans + 1);
      if (scans > this.cfg.maxJpegScans) {
        throw new AppError('image_too_complex', `the JPEG has more than ${this.cfg.maxJpegScans} scans`, { scans, limit: this.cfg.maxJpegScans });
      }
    }
    if (sniffed === 'gif') {
      const gif = walkGif(data, this.cfg.maxFrames + 1);
      if (gif.frames > this.cfg.maxFrames) this.tooManyFrames(gif.frames, true);
      if (!gif.complete) throw new AppError('image_undecodable', `the gif image could not be decoded: ${gif.problem}`);
    }
    let meta;
    try {
      meta = await this.codec.metadata(data);
    } catch (e) {
      throw undecodable(sniffed, e);
    }
    // Defence in depth: libvips picks its loader by its own sniffing; it must agree with ours.
    if (meta.format !== (sniffed === 'avif' ? 'heif' : sniffed)) {
      throw new AppError('unsupported_media_type', `the bytes look like ${sniffed} but decode as ${meta.format}`, { detected: sniffed, decoded: meta.format });
    }
    let apng = null;
    if (sniffed === 'png') {
      try {
        apng = parseApng(data);
      } catch (e) {
        if (e instanceof PngTruncatedError) throw new AppError('image_undecodable', `the png image is truncated: ${e.message}`, { reason: 'truncated' });
        if (e instanceof ApngError) throw new AppError('image_undecodable', `the png animation could not be decoded: ${e.message}`);
        throw e;
      }
      if (apng) meta.frames = apng.frames.length;
    }
    const pixels = meta.width * meta.height;
    if (pixels > this.cfg.maxPixels) {
      throw new AppError('image_too_many_pixels', `image is ${meta.width}x${meta.height} (${pixels} pixels); the limit is ${this.cfg.maxPixels}`, {
        width: meta.width,
        height: meta.height,
        limit: this.cfg.maxPixels,
      });
    }
    if (meta.frames > this.cfg.maxFrames) this.tooManyFrames(meta.frames);
    const aspect = Math.max(meta.width, meta.height) / Math.max(1, Math.min(meta.width, meta.height));
    if (aspect > this.cfg.maxAspectRatio) {
      // The model's shortest-edge resize would blow a 365-byte 20000x1 PNG up to billions of pixels.
      throw new AppError('image_too_many_pixels', `image is ${meta.width}x${meta.height}: aspect ratio ${Math.round(aspect)}:1 is over the limit of ${this.cfg.maxAspectRatio}:1`, {
        width: meta.width,
        height: meta.height,
        aspectLimit: this.cfg.maxAspectRatio,
      });
    }
    const total = pixels * meta.frames;
    if (total > this.cfg.maxTotalPixels) {
      throw new AppError('image_too_many_pixels', `animation has ${meta.frames} frames of ${pixels} pixels (${total} in all); the limit is ${this.cfg.maxTotalPixels}`, {
        width: meta.width,
        height: meta.height,
        frames: meta.frames,
        limit: this.cfg.maxTotalPixels,
      });
    }
    const sampled = sampleFrames(meta.frames, this.cfg.sampledFrames);
    let rendered: Map<number, RawFrame> | undefined;
    if (apng && apng.frames.length > 1) {
      try {
        const frames = await renderApng(apng, sampled, (png, w, h) => this.codec.rgba(png, w, h, this.cfg.maxPixels));
        rendered = new Map();
        for (const [page, rgba] of frames) {
          const small = await this.codec.shrinkRgba(rgba, apng.width, apng.height, RENDER_MAX_SIDE);
          rendered.set(page, { data: small.data, raw: { width: small.width, height: small.height, channels: 4 } });
        }
      } catch (e) {
        throw new AppError('image_undecodable', `the png animation could not be decoded: ${(e as Error).message}`);
      }
    }
    // Remembered for the bank signals taken later from the same buffer (a body that did not stream in has no digest yet).
    const sha256 = sha256Of(data);
    rememberSha256(data, sha256);
    return {
      data,
      format: sniffed,
      contentType: CONTENT_TYPES[sniffed],
      width: meta.width,
      height: meta.height,
      frames: meta.frames,
      sampledFrames: sampled,
      sha256,
      displaySize: meta.orientation >= 5 ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height },
      bytes: data.length,
      orientation: meta.orientation,
      ...(rendered ? { rendered } : {}),
    };
  }

  /**
   * The first frame's pixels, decoded once: an APNG's rendered first frame, else frame 0 as stored
   * (a large JPEG at a reduced DCT scale, as the PDQ reference's decoder does: ImageCodec.pixelsForHash). Perceptual hashing reads them, and the engine gets them for that frame too
   * (`frameInput(image, 0, pixels)`), so the image is not decoded a second time.
   * A file whose header read at intake but whose pixels do not decode (a truncated JPEG, a PNG whose
   * header declares more pixels than its data holds) is refused as intake refuses one: image_undecodable.
   */
  async pixels(image: MediaImage): Promise<DecodedPixels> {
    const apng = image.rendered?.get(0);
    if (apng) return { data: apng.data, width: apng.raw.width, height: apng.raw.height, channels: 4 };
    try {
      return await this.codec.pixelsForHash(image.data, image.format, this.cfg.maxPixels);
    } catch (e) {
      throw undecodable(image.format, e);
    }
  }

  /**
   * Whether the engine, given the file, decodes the first frame at its own reduced scale well enough that
   * intake need not decode it when nothing hashes the pixels: JPEGs (libjpeg's DCT scaling). Other
   * formats are decoded once by intake in full (libwebp's scaled decode aliases fine textures: embedding
   * cosine 0.85 on a 4096-px WebP with the demo model, docs/performance.md).
   */
  engineDecodesFirstFrame(image: MediaImage): boolean {
    return image.format === 'jpeg';
  }

  /**
   * The engine's input for one sampled frame. With the first frame's decoded pixels (as stored), the
   * engine gets those pixels and their EXIF orientation instead of decoding the image again, unless they
   * were decoded at a reduced scale and IMAGE_FAST_SHRINK_ON_LOAD=false asks for full-scale decoding.
   */
  frameInput(image: MediaImage, page: number, decoded?: DecodedPixels): FrameInput {
    const rendered = image.rendered?.get(page);
    if (rendered) return rendered;
    const reduced = decoded !== undefined && Math.max(decoded.width, decoded.height) < Math.max(image.width, image.height);
    if (page === 0 && decoded && (decoded.channels === 3 || decoded.channels === 4) && !(reduced && this.fullScaleForModel)) {
      return { data: decoded.data, raw: { width: decoded.width, height: decoded.height, channels: decoded.channels }, orientation: image.orientation };
    }
    return { data: image.data, page, size: image.displaySize };
  }

  private tooManyFrames(frames: number, atLeast = false): never {
    throw new AppError('image_too_many_frames', `image has ${atLeast ? 'more than ' + (frames - 1) : frames} frames; the limit is ${this.cfg.maxFrames}`, { frames, limit: this.cfg.maxFrames });
  }

  /** Decodes a base64 image field strictly (whitespace and a data: URL prefix tolerated). */
  decodeBase64(value: unknown): Buffer {
    if (typeof value !== 'string' || value.length === 0) {
      throw new AppError('missing_image', 'image_base64 must be a non-empty string');
    }
    const body = value.replace(/^data:[\w/+.-]+;base64,/, '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(body) || body.length % 4 === 1) {
      throw new AppError('invalid_base64', 'image_base64 is not valid base64');
    }
    if ((body.length * 3) / 4 > this.cfg.maxBytes + 3) {
      throw new AppError('payload_too_large', `decoded image exceeds the limit of ${this.cfg.maxBytes} bytes`);
    }
    return Buffer.from(body, 'base64');
  }

  blur(image: MediaImage) {
    return this.codec.blur(image.data, this.cfg.blurSigma, image.format, this.cfg.maxPixels);
  }

  /**
   * The blurred rendition of one frame of a stored animation (never the original). GIF and WebP frames
   * are decoded by page; an APNG's frames are composited as intake does for scoring (libvips sees only
   * its default image). `frame` must be below the stored frame count (the caller checks it).
   */
  async blurFrame(stored: { data: Buffer; format: string }, frame: number): Promise<{ data: Buffer; contentType: string }> {
    if (stored.format === 'png') {
      const apng = parseApng(stored.data);
      if (apng && frame < apng.frames.length) {
        const frames = await renderApng(apng, [frame], (png, w, h) => this.codec.rgba(png, w, h, this.cfg.maxPixels));
        return this.codec.blurRgba(frames.get(frame)!, apng.width, apng.height, this.cfg.blurSigma, RENDER_MAX_SIDE);
      }
    }
    return this.codec.blur(stored.data, this.cfg.blurSigma, stored.format, this.cfg.maxPixels, frame);
  }
}

