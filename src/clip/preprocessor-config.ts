/**
 * The image half of the model-folder contract: everything the preprocessing needs is read from
 * preprocessor_config.json (Hugging Face layout), nothing is hard-coded per model.
 */
export interface PreprocessorConfig {
  /** Target length of the shortest edge after resizing. */
  shortestEdge: number;
  cropWidth: number;
  cropHeight: number;
  doResize: boolean;
  doCenterCrop: boolean;
  doRescale: boolean;
  rescaleFactor: number;
  doNormalize: boolean;
  mean: [number, number, number];
  std: [number, number, number];
  /** PIL resample code: 2 bilinear, 3 bicubic (CLIP), 1 lanczos, 0 nearest. */
  resample: number;
}

export class PreprocessorConfigError extends Error {}

function num(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new PreprocessorConfigError(`field "${field}" must be a finite number`);
  }
  return v;
}

function triple(v: unknown, field: string): [number, number, number] {
  if (typeof v === 'number') return [v, v, v];
  if (!Array.isArray(v) || v.length !== 3) {
    throw new PreprocessorConfigError(`field "${field}" must be a number or an array of 3 numbers`);
  }
  return [num(v[0], field), num(v[1], field), num(v[2], field)];
}

/** Accepts both the current (`{"shortest_edge": 224}`) and the legacy (`224`) forms of size/crop_size. */
export function parsePreprocessorConfig(raw: unknown): PreprocessorConfig {
  if (!raw || typeof raw !== 'object') throw new PreprocessorConfigError('must be a JSON object');
  const r = raw as Record<string, unknown>;
  const size = r.size;
  let shortestEdge: number;
  if (typeof size === 'number') shortestEdge = size;
  else if (size && typeof size === 'object' && 'shortest_edge' in size) {
    shortestEdge = num((size as Record<string, unknown>).shortest_edge, 'size.shortest_edge');
  } else if (size && typeof size === 'object' && 'height' in size && 'width' in size) {
    const s = size as Record<string, unknown>;
    shortestEdge = Math.min(num(s.height, 'size.height'), num(s.width, 'size.width'));
  } else {
    throw new PreprocessorConfigError('field "size" must be a number, {shortest_edge} or {height,width}');
  }
  const crop = r.crop_size ?? shortestEdge;
  let cropWidth: number;
  let cropHeight: number;
  if (typeof crop === 'number') {
    cropWidth = crop;
    cropHeight = crop;
  } else if (crop && typeof crop === 'object') {
    const c = crop as Record<string, unknown>;
    cropHeight = num(c.height, 'crop_size.height');
    cropWidth = num(c.width, 'crop_size.width');
  } else {
    throw new PreprocessorConfigError('field "crop_size" must be a number or {height,width}');
  }
  for (const [k, v] of [['size', shortestEdge], ['crop_size.width', cropWidth], ['crop_size.height', cropHeight]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 4096) throw new PreprocessorConfigError(`field "${k}" must be an integer in 1..4096`);
  }
  const std = triple(r.image_std ?? [1, 1, 1], 'image_std');
  if (std.some((s) => s === 0)) throw new PreprocessorConfigError('field "image_std" must not contain 0');
  return {
    shortestEdge,
    cropWidth,
    cropHeight,
    doResize: r.do_resize !== false,
    doCenterCrop: r.do_center_crop !== false,
    doRescale: r.do_rescale !== false,
    rescaleFactor: r.rescale_factor === undefined ? 1 / 255 : num(r.rescale_factor, 'rescale_factor'),
    doNormalize: r.do_normalize !== false,
    mean: triple(r.image_mean ?? [0, 0, 0], 'image_mean'),
    std,
    resample: r.resample === undefined ? 3 : num(r.resample, 'resample'),
  };
}

/**
 * Output size of the shortest-edge resize, computed as Transformers does
 * (get_resize_output_image_size): the short side becomes `size`, the long side int(size * long / short).
 */
export function resizeTarget(width: number, height: number, size: number): { width: number; height: number } {
  if (width <= height) return { width: size, height: Math.max(1, Math.floor((size * height) / width)) };
  return { width: Math.max(1, Math.floor((size * width) / height)), height: size };
}

/** Center-crop window as Transformers computes it: offsets (dim - crop) // 2; padding if the image is smaller. */
export function centerCropBox(width: number, height: number, cropW: number, cropH: number) {
  return {
    left: Math.floor((width - cropW) / 2),
    top: Math.floor((height - cropH) / 2),
    width: cropW,
    height: cropH,
  };
}
