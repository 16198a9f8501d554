import * as fs from 'fs';
import * as path from 'path';
import sharp from 'sharp';

/**
 * Photograph-like JPEGs: sensor-like noise, smooth gradients and a real figure composited in, so
 * the encoder and decoder see the entropy of a photo rather than a flat colour.
 */
export async function photoJpeg(width: number, height: number, seed: number): Promise<Buffer> {
  const noise = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 110 + seed * 10, sigma: 45 } } })
    .blur(1.2)
    .raw()
    .toBuffer();
  const figure = await sharp(path.join(__dirname, '..', 'test', 'fixtures', 'images', 'clip-figure.png'))
    .resize(Math.round(width * 0.6), Math.round(height * 0.6), { fit: 'inside' })
    .toBuffer();
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .composite([{ input: figure, gravity: ['north', 'center', 'southeast'][seed % 3] }])
    .jpeg({ quality: 85, mozjpeg: false })
    .toBuffer();
}

export async function benchImages(cacheDir: string) {
  fs.mkdirSync(cacheDir, { recursive: true });
  const specs = [
    { name: '1024x768', width: 1024, height: 768 },
    { name: '4000x3000', width: 4000, height: 3000 },
  ];
  const out: Record<string, Buffer[]> = {};
  for (const s of specs) {
    out[s.name] = [];
    for (let i = 0; i < 3; i++) {
      const file = path.join(cacheDir, `${s.name}-${i}.jpg`);
      if (!fs.existsSync(file)) fs.writeFileSync(file, await photoJpeg(s.width, s.height, i));
      out[s.name].push(fs.readFileSync(file));
    }
  }
  return out;
}
