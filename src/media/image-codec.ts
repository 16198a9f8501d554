import { Injectable } from '@nestjs/common';
import sharp from 'sharp';

// Loaders are an explicit allowlist for the whole process: every libvips loader is blocked, then only
// the loaders of the formats we support are unblocked (buffer and file variants). SVG, PDF, ImageMagick,
// Matlab, FITS, OpenSlide, PPM, JPEG XL, ... stay off, so an image service never fetches external
// entities or runs a vector renderer on user input. main.ts also sets VIPS_BLOCK_UNTRUSTED before
// libvips starts. The configured MEDIA_FORMATS narrow this further by magic-byte sniffing.
export const ALLOWED_LOADERS = ['VipsForeignLoadJpeg', 'VipsForeignLoadPng', 'VipsForeignLoadWebp', 'VipsForeignLoadNsgif', 'VipsForeignLoadHeif', 'VipsForeignLoadTiff'];
sharp.block({ operation: ['VipsForeignLoad'] });
sharp.unblock({ operation: ALLOWED_LOADERS });

export interface ImageMeta {
  format: string;
  width: number;
  /** Height of one frame. */
  height: number;
  frames: number;
  orientation: number;
  hasAlpha: boolean;
}

/** The one place that talks to sharp for decoding metadata and rendering outputs (blur). */
@Injectable()
export class ImageCodec {
  async metadata(buf: Buffer): Promise<ImageMeta> {
    const m = await sharp(buf, { limitInputPixels: false, animated: true }).metadata();
    if (!m.width || !m.height || !m.format) throw new Error('no dimensions');
    const frames = m.pages ?? 1;
    const height = m.pageHeight ?? Math.floor(m.height / frames);
    return { format: m.format, width: m.width, height, frames, orientation: m.orientation ?? 1, hasAlpha: !!m.hasAlpha };
  }

  /** Decodes a standalone PNG (one APNG frame) to 8-bit RGBA of the expected size. */
  async rgba(png: Buffer, width: number, height: number, limitInputPixels: number): Promise<Buffer> {
    const { data, info } = await sharp(png, { limitInputPixels, failOn: 'error' }).ensureAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.width !== width || info.height !== height || info.channels !== 4) throw new Error(`frame decoded as ${info.width}x${info.height}x${info.channels}`);
    return data;
  }

  /**
   * The first frame as 8-bit sRGB samples as stored (no EXIF rotation: perceptual hash references hash
   * the stored pixels). Channels are 3 or 4 (alpha kept when present).
   */
  async pixels(buf: Buffer, limitInputPixels: number): Promise<{ data: Buffer; width: number; height: number; channels: number }> {
    const { data, info } = await sharp(buf, { limitInputPixels, pages: 1 }).toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  }

  /**
   * The first frame as `pixels` gives it, except that a JPEG larger than PDQ's 512-pixel thumbnail is
   * decoded at a reduced DCT scale (1/2, 1/4 or 1/8) while both sides stay at least those of the
   * thumbnail. The reference's hasher (Pillow's draft mode, reducing gap 2) keeps twice the thumbnail;
   * measured on ../shared/pdq and our fixtures, keeping once the thumbnail moves PDQ by 0-2 bits (the
   * reference criterion allows 10 from another decoder) and cuts a 1024x768 decode about fourfold
   * (docs/hashing.md, bench/intake-hash.ts). Perceptual hashing and the engine's input need no more.
   */
  async pixelsForHash(buf: Buffer, format: string, limitInputPixels: number): Promise<{ data: Buffer; width: number; height: number; channels: number }> {
    if (format !== 'jpeg') return this.pixels(buf, limitInputPixels);
    const m = await sharp(buf, { limitInputPixels }).metadata();
    const w = m.width ?? 0;
    const h = m.height ?? 0;
    const side = Math.max(w, h);
    const tw = Math.min(512, Math.round((512 * w) / side));
    const th = Math.min(512, Math.round((512 * h) / side));
    let scale = 8;
    while (scale > 1 && (w / scale < tw || h / scale < th)) scale /= 2;
    if (scale === 1) return this.pixels(buf, limitInputPixels);
    const { data, info } = await sharp(buf, { limitInputPixels, pages: 1 })
      .resize(Math.ceil(w / scale), Math.ceil(h / scale), { fit: 'fill', fastShrinkOnLoad: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  }

  /** Shrinks raw RGBA so its longer side is at most maxSide (the model sees 224 px anyway). */
  async shrinkRgba(data: Buffer, width: number, height: number, maxSide: number): Promise<{ data: Buffer; width: number; height: number }> {
    if (Math.max(width, height) <= maxSide) return { data, width, height };
    const r = await sharp(data, { raw: { width, height, channels: 4 } }).resize(maxSide, maxSide, { fit: 'inside', kernel: 'cubic' }).raw().toBuffer({ resolveWithObject: true });
    return { data: r.data, width: r.info.width, height: r.info.height };
  }

  /**
   * Gaussian-blurred rendition in the original format where sharp can write it, else PNG. `page` picks
   * one frame of a GIF or WebP animation (default the first); the rendition is always one still frame.
   */
  async blur(buf: Buffer, sigma: number, format: string, limitInputPixels: number, page = 0): Promise<{ data: Buffer; contentType: string }> {
    const img = sharp(buf, { limitInputPixels, pages: 1, page }).rotate().blur(sigma);
    switch (format) {
      case 'jpeg':
        return { data: await img.jpeg({ quality: 85 }).toBuffer(), contentType: 'image/jpeg' };
      case 'webp':
        return { data: await img.webp({ quality: 80 }).toBuffer(), contentType: 'image/webp' };
      case 'avif':
        return { data: await img.avif({ quality: 50 }).toBuffer(), contentType: 'image/avif' };
      case 'tiff':
        return { data: await img.tiff().toBuffer(), contentType: 'image/tiff' };
      case 'gif':
        return { data: await img.gif().toBuffer(), contentType: 'image/gif' };
      default:
        return { data: await img.png().toBuffer(), contentType: 'image/png' };
    }
  }

  /** Gaussian-blurred PNG of raw RGBA pixels (a composited APNG frame), its longer side at most maxSide. */
  async blurRgba(data: Buffer, width: number, height: number, sigma: number, maxSide: number): Promise<{ data: Buffer; contentType: string }> {
    const png = await sharp(data, { raw: { width, height, channels: 4 } }).resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true }).blur(sigma).png().toBuffer();
    return { data: png, contentType: 'image/png' };
  }
}
