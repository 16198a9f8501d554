import sharp from 'sharp';
import { ImagePreprocessor } from '../clip/image-preprocessor';
import { parsePreprocessorConfig } from '../clip/preprocessor-config';
import { loadConfig } from '../config/configuration';
import { ImageCodec } from './image-codec';
import { MediaService } from './media.service';

/**
 * A large JPEG is decoded once at a reduced DCT scale (what PDQ needs) and the engine reuses those
 * pixels; IMAGE_FAST_SHRINK_ON_LOAD=false must still give the model the full-scale decode (Pillow parity).
 */
describe('the scale of the decode the model sees', () => {
  const cfg = parsePreprocessorConfig({ do_resize: true, size: { shortest_edge: 224 }, resample: 3, do_center_crop: true, crop_size: { height: 224, width: 224 }, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5] });
  const exact = new ImagePreprocessor(cfg, { background: { r: 255, g: 255, b: 255 }, fastShrinkOnLoad: false, limitInputPixels: 0 });
  let jpeg: Buffer;

  beforeAll(async () => {
    // Photograph-like: fine noise that a reduced-scale decode averages differently from a full decode.
    const noise = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#806040', noise: { type: 'gaussian', mean: 120, sigma: 50 } } }).raw().toBuffer();
    jpeg = await sharp(noise, { raw: { width: 1600, height: 1200, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
  });

  async function modelInput(fastShrinkOnLoad: string) {
    const media = new MediaService(loadConfig({ IMAGE_FAST_SHRINK_ON_LOAD: fastShrinkOnLoad }), new ImageCodec());
    const image = await media.intake(jpeg);
    const pixels = await media.pixels(image);
    return { pixels, input: media.frameInput(image, 0, pixels) };
  }

  it('IMAGE_FAST_SHRINK_ON_LOAD=false: the engine decodes the file itself, at full scale, exactly as the preprocessor alone does', async () => {
    const { pixels, input } = await modelInput('false');
    expect(pixels.width).toBeLessThan(1600); // hashing still reads the reduced decode
    expect('raw' in input).toBe(false);
    expect(Array.from(await exact.preprocess(input))).toEqual(Array.from(await exact.preprocess({ data: jpeg })));
  });

  it('by default the engine reuses the reduced decode (no second decode of the file)', async () => {
    const { pixels, input } = await modelInput('true');
    expect('raw' in input && input.raw).toEqual({ width: pixels.width, height: pixels.height, channels: pixels.channels });
  });
});
