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
});
