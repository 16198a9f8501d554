import { readFileSync } from 'fs';
import { join } from 'path';
import sharp from 'sharp';
import { ImagePreprocessor } from '../clip/image-preprocessor';
import { parsePreprocessorConfig } from '../clip/preprocessor-config';
import { loadConfig } from '../config/configuration';
import { ImageCodec } from './image-codec';
import { MediaService } from './media.service';

/** Intake reads the header once; the engine then uses the size it found instead of reading it again. */
describe('display size handed from intake to the engine', () => {
  const media = new MediaService(loadConfig({}), new ImageCodec());
  const sideways = readFileSync(join(__dirname, '../../test/fixtures/images/clip-orientation6.jpg'));
  const pre = new ImagePreprocessor(
    parsePreprocessorConfig({ do_resize: true, size: { shortest_edge: 224 }, resample: 3, do_center_crop: true, crop_size: { height: 224, width: 224 }, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5] }),
    { background: { r: 255, g: 255, b: 255 }, fastShrinkOnLoad: false, limitInputPixels: 0 },
  );

  it('swaps width and height for EXIF orientations 5-8', async () => {
    const stored = await sharp(sideways).metadata();
    expect(stored.orientation).toBe(6);
    const image = await media.intake(sideways);
    expect(image.displaySize).toEqual({ width: stored.height, height: stored.width });
    const upright = await media.intake(await sharp(sideways).rotate().jpeg().toBuffer());
    expect(upright.displaySize).toEqual({ width: stored.height, height: stored.width });
  });

  it('gives the same tensor as reading the header in the engine', async () => {
    const image = await media.intake(sideways);
    const input = media.frameInput(image, 0);
    expect('size' in input && input.size).toEqual(image.displaySize);
    const withSize = await pre.preprocess(input);
    const withoutSize = await pre.preprocess({ data: sideways });
    expect(Array.from(withSize)).toEqual(Array.from(withoutSize));
  });
});
