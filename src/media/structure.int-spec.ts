import sharp from 'sharp';
import { walkGif } from './gif-structure';
import { countJpegScans } from './jpeg-scans';

describe('walkGif', () => {
  let gif: Buffer;
  beforeAll(async () => {
    const frames = await Promise.all(['#f00', '#0f0', '#00f'].map((c) => sharp({ create: { width: 8, height: 8, channels: 3, background: c } }).png().toBuffer()));
    gif = await sharp(frames, { join: { animated: true } }).gif().toBuffer();
  });

  it('counts frames and sees the trailer of a whole file', () => {
    expect(walkGif(gif)).toEqual({ frames: 3, complete: true });
  });
  it('reports truncation at any cut', () => {
    for (let cut = 13; cut < gif.length; cut += 7) expect(walkGif(gif.subarray(0, cut)).complete).toBe(false);
  });
  it('stops counting at stopAfter', () => {
    expect(walkGif(gif, 2).frames).toBe(2);
  });
  it('rejects an unknown block', () => {
    const bad = Buffer.from(gif);
    bad[bad.length - 1] = 0x99;
    expect(walkGif(bad)).toMatchObject({ complete: false, problem: expect.stringContaining('unexpected block') });
  });
});

describe('countJpegScans', () => {
  it('baseline has one scan, progressive several, and stuffed bytes are not markers', async () => {
    const px = { create: { width: 64, height: 64, channels: 3 as const, background: '#48c' } };
    expect(countJpegScans(await sharp(px).jpeg().toBuffer())).toBe(1);
    const prog = countJpegScans(await sharp(px).jpeg({ progressive: true }).toBuffer());
    expect(prog).toBeGreaterThan(1);
    expect(prog).toBeLessThan(20);
  });
});
