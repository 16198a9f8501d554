import { ImagePreprocessor } from '../image-preprocessor';
import { parsePreprocessorConfig } from '../preprocessor-config';
import { rgbToTensor } from './pixels';

describe('rgbToTensor (the worker-side normalisation)', () => {
  it('gives exactly what ImagePreprocessor.normalize gives, image by image', () => {
    const cfg = parsePreprocessorConfig({
      crop_size: { height: 3, width: 4 },
      size: { shortest_edge: 3 },
      do_normalize: true,
      do_rescale: true,
      rescale_factor: 1 / 255,
      image_mean: [0.48145466, 0.4578275, 0.40821073],
      image_std: [0.26862954, 0.26130258, 0.27577711],
      resample: 3,
    });
    const pre = new ImagePreprocessor(cfg, { background: { r: 255, g: 255, b: 255 }, fastShrinkOnLoad: true, limitInputPixels: 0 });
    const count = 2;
    const rgb = Uint8Array.from({ length: count * 3 * 4 * 3 }, (_, i) => (i * 37 + 11) % 256);
    const got = rgbToTensor(rgb, count, 3, 4, pre.pixelLut());
    const want = new Float32Array(count * 36);
    for (let n = 0; n < count; n++) pre.normalize(rgb.subarray(n * 36, (n + 1) * 36), 4, 3, want, n * 36);
    expect(Array.from(got)).toEqual(Array.from(want));
  });
});
