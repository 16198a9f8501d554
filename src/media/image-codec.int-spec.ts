import sharp from 'sharp';
import { ImageCodec } from './image-codec';

describe('libvips loader allowlist (defence behind magic-byte sniffing)', () => {
  const codec = new ImageCodec();
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>');

  it.each([
    ['SVG', svg],
    ['PPM', Buffer.from('P6\n2 2\n255\n' + 'x'.repeat(12))],
    ['FITS-like', Buffer.from('SIMPLE  =                    T' + ' '.repeat(50) + 'END' + ' '.repeat(2800))],
  ])('refuses %s even when handed to sharp directly', async (_n, buf) => {
    await expect(codec.metadata(buf)).rejects.toThrow();
    await expect(sharp(buf).metadata()).rejects.toThrow(/unsupported image format/);
  });

  it.each(['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif'] as const)('still decodes %s', async (f) => {
    const buf = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } })[f]().toBuffer();
    expect((await codec.metadata(buf)).width).toBe(8);
  });

  it('decodes the first frame to raw 8-bit samples as stored, alpha kept', async () => {
    const png = await sharp({ create: { width: 5, height: 3, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } }).png().toBuffer();
    const px = await codec.pixels(png, 1e6);
    expect([px.width, px.height, px.channels, px.data.length]).toEqual([5, 3, 4, 60]);
    expect([...px.data.subarray(0, 4)]).toEqual([10, 20, 30, 128]);
    const grey = await sharp({ create: { width: 4, height: 2, channels: 3, background: '#808080' } }).greyscale().jpeg().toBuffer();
    expect((await codec.pixels(grey, 1e6)).channels).toBe(3);
    await expect(codec.pixels(png, 10)).rejects.toThrow(/pixel limit/);
  });
});
