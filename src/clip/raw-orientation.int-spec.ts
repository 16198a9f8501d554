import { readFileSync } from 'fs';
import { join } from 'path';
import sharp from 'sharp';
import { ImagePreprocessor } from './image-preprocessor';
import { PreprocessorConfig } from './preprocessor-config';

const FIGURE = readFileSync(join(__dirname, '../../test/fixtures/images/clip-figure.png'));

const cfg: PreprocessorConfig = {
  doResize: true,
  shortestEdge: 64,
  resample: 3,
  doCenterCrop: true,
  cropWidth: 64,
  cropHeight: 64,
  doRescale: true,
  rescaleFactor: 1 / 255,
  doNormalize: true,
  mean: [0.5, 0.5, 0.5],
  std: [0.5, 0.5, 0.5],
};

/**
 * Intake decodes the first frame once, as stored, and hands the engine those pixels with the EXIF
 * orientation (src/media/media.service.ts frameInput): the model must see what it sees when it decodes
 * the encoded file itself and applies the orientation.
 */
describe('raw pixels with an EXIF orientation', () => {
  const measured: string[] = [];
  afterAll(() => console.log(measured.join('\n')));
  const pre = new ImagePreprocessor(cfg, { background: { r: 255, g: 255, b: 255 }, fastShrinkOnLoad: false, limitInputPixels: 0 });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('orientation %i: the same model input as the encoded file', async (orientation) => {
    const base = sharp(FIGURE).extract({ left: 100, top: 50, width: 600, height: 400 }).flatten({ background: '#ffffff' });
    const jpeg = await base.jpeg({ quality: 95 }).withMetadata({ orientation }).toBuffer();
    const stored = await sharp(jpeg).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const fromFile = await pre.toRgb({ data: jpeg });
    const fromPixels = await pre.toRgb({ data: stored.data, raw: { width: stored.info.width, height: stored.info.height, channels: stored.info.channels as 3 }, orientation });
    expect([fromPixels.width, fromPixels.height]).toEqual([fromFile.width, fromFile.height]);
    let sum = 0;
    for (let i = 0; i < fromFile.data.length; i++) sum += Math.abs(fromFile.data[i] - fromPixels.data[i]);
    // Not bit-equal: libvips resizes a decoded buffer slightly differently from a file it decodes
    // (a few levels at some edges); a wrong orientation would differ by tens on average.
    measured.push(`orientation ${orientation}: mean |difference| ${(sum / fromFile.data.length).toFixed(3)} of 255`);
    expect(sum / fromFile.data.length).toBeLessThan(1);
  });
});
