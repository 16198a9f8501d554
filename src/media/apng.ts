import { crc32 } from 'zlib';

/**
 * Animated PNG. libvips decodes only an APNG's default image, so without this an animation whose
 * first frame is harmless would be screened by that frame alone. This parses the chunk structure
 * (no pixels) and rebuilds each frame as a standalone PNG for sharp to decode; compositing follows
 * the APNG spec (blend source/over, dispose none/background/previous).
 */
export interface ApngFrame {
  width: number;
  height: number;
  x: number;
  y: number;
  dispose: 0 | 1 | 2;
  blend: 0 | 1;
  /** zlib stream parts: IDAT payloads, or fdAT payloads without their sequence numbers. */
  data: Buffer[];
}

export interface Apng {
  width: number;
  height: number;
  frames: ApngFrame[];
  /** IHDR payload and the chunks every frame shares (palette, transparency, colour space). */
  ihdr: Buffer;
  shared: { type: string; data: Buffer }[];
}

export class ApngError extends Error {}

/** The chunk structure itself is cut short: a fault of the file, animated or not. */
export class PngTruncatedError extends Error {}

const SHARED = new Set(['PLTE', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT']);

/** Returns null for a plain PNG; throws PngTruncatedError for a cut file, ApngError for a malformed animation. */
export function parseApng(png: Buffer): Apng | null {
  let i = 8;
  let ihdr: Buffer | undefined;
  let declared = -1;
  let seenIdat = false;
  const shared: { type: string; data: Buffer }[] = [];
  const frames: ApngFrame[] = [];
  let current: ApngFrame | undefined;
  while (i + 12 <= png.length) {
    const len = png.readUInt32BE(i);
    const type = png.toString('latin1', i + 4, i + 8);
    if (i + 12 + len > png.length) throw new PngTruncatedError(`chunk ${type} runs past the end of the file`);
    const data = png.subarray(i + 8, i + 8 + len);
    i += 12 + len;
    if (type === 'IHDR') ihdr = data;
    else if (type === 'acTL') {
      if (len < 8) throw new ApngError('acTL is too short');
      declared = data.readUInt32BE(0);
    } else if (SHARED.has(type) && !seenIdat) shared.push({ type, data });
    else if (type === 'fcTL') {
      if (len < 26) throw new ApngError('fcTL is too short');
      current = {
        width: data.readUInt32BE(4),
        height: data.readUInt32BE(8),
        x: data.readUInt32BE(12),
        y: data.readUInt32BE(16),
        dispose: Math.min(2, data[24]) as 0 | 1 | 2,
        blend: (data[25] ? 1 : 0) as 0 | 1,
        data: [],
      };
      frames.push(current);
    } else if (type === 'IDAT') {
      seenIdat = true;
      // IDAT before any fcTL is a default image that is not part of the animation.
      if (current && frames.length === 1) current.data.push(data);
    } else if (type === 'fdAT') {
      if (!current || len < 4) throw new ApngError('fdAT without a frame control chunk');
      current.data.push(data.subarray(4));
    } else if (type === 'IEND') break;
  }
  if (declared < 0) return null;
  if (!ihdr || ihdr.length < 13) throw new ApngError('missing IHDR');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  if (frames.length === 0 || frames.length !== declared) throw new ApngError(`acTL declares ${declared} frames, the file has ${frames.length}`);
  for (const [n, f] of frames.entries()) {
    if (!f.width || !f.height || f.x + f.width > width || f.y + f.height > height) throw new ApngError(`frame ${n} lies outside the ${width}x${height} canvas`);
    if (f.data.length === 0) throw new ApngError(`frame ${n} has no image data`);
  }
  return { width, height, frames, ihdr, shared };
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0);
  return Buffer.concat([head, data, crc]);
}

/** One frame as a standalone PNG (the canvas IHDR with the frame's size). */
export function framePng(apng: Apng, frame: ApngFrame): Buffer {
  const ihdr = Buffer.from(apng.ihdr);
  ihdr.writeUInt32BE(frame.width, 0);
  ihdr.writeUInt32BE(frame.height, 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...apng.shared.map((c) => chunk(c.type, c.data)),
    chunk('IDAT', Buffer.concat(frame.data)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Composites frames 0..max(wanted) on an RGBA canvas and returns copies of the wanted ones.
 * `decode` turns a standalone frame PNG into RGBA bytes of the frame's size.
 */
export async function renderApng(apng: Apng, wanted: number[], decode: (png: Buffer, w: number, h: number) => Promise<Buffer>): Promise<Map<number, Buffer>> {
  const W = apng.width;
  const canvas = Buffer.alloc(W * apng.height * 4);
  const want = new Set(wanted);
  const last = Math.max(...wanted);
  const out = new Map<number, Buffer>();
  for (let n = 0; n <= last; n++) {
    const f = apng.frames[n];
    const px = await decode(framePng(apng, f), f.width, f.height);
    const saved = f.dispose === 2 ? region(canvas, W, f) : undefined;
    for (let y = 0; y < f.height; y++) {
      const row = ((f.y + y) * W + f.x) * 4;
      if (f.blend === 0 || (n === 0 && f.blend === 1)) {
        px.copy(canvas, row, y * f.width * 4, (y + 1) * f.width * 4);
        continue;
      }
      for (let x = 0; x < f.width; x++) {
        const s = (y * f.width + x) * 4;
        const d = row + x * 4;
        const a = px[s + 3] / 255;
        if (a === 1) px.copy(canvas, d, s, s + 4);
        else if (a > 0) {
          const da = canvas[d + 3] / 255;
          const oa = a + da * (1 - a);
          for (let c = 0; c < 3; c++) canvas[d + c] = Math.round((px[s + c] * a + canvas[d + c] * da * (1 - a)) / oa);
          canvas[d + 3] = Math.round(oa * 255);
        }
      }
    }
    if (want.has(n)) out.set(n, Buffer.from(canvas));
    if (f.dispose === 1) for (let y = 0; y < f.height; y++) canvas.fill(0, ((f.y + y) * W + f.x) * 4, ((f.y + y) * W + f.x + f.width) * 4);
    else if (saved) for (let y = 0; y < f.height; y++) saved.copy(canvas, ((f.y + y) * W + f.x) * 4, y * f.width * 4, (y + 1) * f.width * 4);
  }
  return out;
}

function region(canvas: Buffer, W: number, f: ApngFrame): Buffer {
  const r = Buffer.alloc(f.width * f.height * 4);
  for (let y = 0; y < f.height; y++) canvas.copy(r, y * f.width * 4, ((f.y + y) * W + f.x) * 4, ((f.y + y) * W + f.x + f.width) * 4);
  return r;
}
