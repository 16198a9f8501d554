export interface GifStructure {
  frames: number;
  /** The trailer (0x3B) was reached: the file is not truncated. */
  complete: boolean;
  /** Why the walk stopped early, when it did. */
  problem?: string;
}

/**
 * Walks a GIF's blocks without decoding pixels: counts frames and checks that the stream ends with
 * its trailer. libvips decodes truncated GIFs silently (showing whatever frames arrived), so this is
 * how a truncated GIF gets the same 422 as every other truncated format; it also counts a 60 000-frame
 * GIF in one linear pass before any decoder looks at it. Stops at `stopAfter` frames.
 */
export function walkGif(buf: Buffer, stopAfter = Number.MAX_SAFE_INTEGER): GifStructure {
  const n = buf.length;
  let frames = 0;
  if (n < 13) return { frames, complete: false, problem: 'header is truncated' };
  const flags = buf[10];
  let i = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  const subBlocks = (): boolean => {
    while (i < n) {
      const size = buf[i];
      i += 1 + size;
      if (size === 0) return true;
    }
    return false;
  };
  while (i < n) {
    const b = buf[i];
    if (b === 0x3b) return { frames, complete: true };
    if (b === 0x21) {
      i += 2;
      if (!subBlocks()) break;
    } else if (b === 0x2c) {
      if (i + 10 > n) break;
      const f = buf[i + 9];
      i += 10 + (f & 0x80 ? 3 * 2 ** ((f & 7) + 1) : 0) + 1; // descriptor, local table, LZW code size
      if (!subBlocks()) break;
      if (++frames >= stopAfter) return { frames, complete: true };
    } else {
      return { frames, complete: false, problem: `unexpected block 0x${b.toString(16)} at byte ${i}` };
    }
  }
  return { frames, complete: false, problem: 'the data ends before the GIF trailer (truncated)' };
}
