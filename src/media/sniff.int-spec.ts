import sharp from 'sharp';
import { sniffFormat } from './sniff';
import { sampleFrames } from './media.service';

describe('sniffFormat', () => {
  const px = { create: { width: 4, height: 4, channels: 3 as const, background: '#f00' } };
  it.each([
    ['jpeg', () => sharp(px).jpeg().toBuffer()],
    ['png', () => sharp(px).png().toBuffer()],
    ['webp', () => sharp(px).webp().toBuffer()],
    ['gif', () => sharp(px).gif().toBuffer()],
    ['tiff', () => sharp(px).tiff().toBuffer()],
    ['avif', () => sharp(px).avif().toBuffer()],
  ])('recognises real %s bytes', async (format, make) => {
    expect(sniffFormat(await make())).toBe(format);
  });

  it.each([
    ['empty', Buffer.alloc(0), null],
    ['short', Buffer.from([0xff, 0xd8]), null],
    ['text', Buffer.from('hello world, not an image'), null],
    ['svg', Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'svg'],
    ['html', Buffer.from('<!doctype html><html><body>x</body></html>'), null],
    ['mp4 ftyp', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom0000')]), null],
  ])('%s -> %s', (_n, buf, want) => {
    expect(sniffFormat(buf)).toBe(want);
  });
});

describe('sampleFrames', () => {
  it.each([
    [1, 8, [0]],
    [5, 8, [0, 1, 2, 3, 4]],
    [100, 4, [0, 33, 66, 99]],
    [1000, 1, [0]],
    [10, 2, [0, 9]],
  ])('%i frames, at most %i -> %j', (total, max, want) => {
    expect(sampleFrames(total, max)).toEqual(want);
  });
});
