import { promises as fs } from 'fs';
import * as path from 'path';
import { parsePreprocessorConfig, PreprocessorConfig } from './preprocessor-config';
import { ModelLoadError } from './clip.types';

/**
 * The model folder contract (Hugging Face / Transformers.js layout). Everything model-specific is
 * read from these files, so any CLIP export in that layout can be dropped in without code changes.
 */
const DTYPE_SUFFIX: Record<string, string> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  quantized: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

/** File-name suffix of the ONNX variant for a dtype; throws on a dtype no export uses. */
export function dtypeSuffix(dtype: string): string {
  const suffix = DTYPE_SUFFIX[dtype];
  if (suffix === undefined) {
    throw new Error(`unknown dtype "${dtype}" (expected one of ${Object.keys(DTYPE_SUFFIX).join(', ')})`);
  }
  return suffix;
}

/** 'quantized' is Transformers.js's older name for q8; one spelling keeps model ids stable. */
export function canonicalDtype(dtype: string): string {
  dtypeSuffix(dtype);
  return dtype === 'quantized' ? 'q8' : dtype;
}

/** The files `model pull` fetches and the loader requires, relative to the model folder. */
export function modelFiles(dtype: string): string[] {
  const s = dtypeSuffix(dtype);
  return [
    'config.json',
    'preprocessor_config.json',
    'tokenizer.json',
    'tokenizer_config.json',
    `onnx/vision_model${s}.onnx`,
    `onnx/text_model${s}.onnx`,
  ];
}

export interface ModelFolder {
  dir: string;
  id: string;
  dtype: string;
  projectionDim: number;
  logitScale: number;
  preprocessor: PreprocessorConfig;
  tokenizerJson: object;
  tokenizerConfig: Record<string, unknown>;
  maxTextLength: number;
  visionPath: string;
  textPath: string;
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new ModelLoadError(file, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file is missing' : String(e));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ModelLoadError(file, `malformed JSON (${(e as Error).message})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ModelLoadError(file, 'must be a JSON object');
  return value as Record<string, unknown>;
}

async function requireFile(file: string): Promise<void> {
  const st = await fs.stat(file).catch(() => null);
  if (!st || !st.isFile()) throw new ModelLoadError(file, 'file is missing');
  if (st.size === 0) throw new ModelLoadError(file, 'file is empty');
}

function positiveInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

/**
 * Transformers writes a huge sentinel (1e30) as model_max_length when a tokenizer has no limit;
 * then the text encoder's position table is the real limit.
 */
function maxTextLength(tokCfg: Record<string, unknown>, config: Record<string, unknown>): number | undefined {
  const fromTokenizer = positiveInt(tokCfg.model_max_length);
  if (fromTokenizer && fromTokenizer <= 65536) return fromTokenizer;
  const text = config.text_config as Record<string, unknown> | undefined;
  return positiveInt(text?.max_position_embeddings);
}

/**
 * Reads and checks the folder's JSON files and that the ONNX pair exists. The ONNX graphs themselves
 * are opened (and their output width checked against projection_dim) by the inference workers.
 */
export async function loadModelFolder(dir: string, dtype: string, logitScaleOverride?: number): Promise<ModelFolder> {
  const abs = path.resolve(dir);
  const st = await fs.stat(abs).catch(() => null);
  if (!st || !st.isDirectory()) throw new ModelLoadError(abs, 'model folder is missing');
  let suffix: string;
  try {
    suffix = dtypeSuffix(dtype);
  } catch (e) {
    throw new ModelLoadError(abs, (e as Error).message);
  }
  const file = (name: string) => path.join(abs, name);
  const config = await readJson(file('config.json'));
  const projectionDim = positiveInt(config.projection_dim);
  if (!projectionDim) throw new ModelLoadError(file('config.json'), 'field "projection_dim" must be a positive integer');

  const ppPath = file('preprocessor_config.json');
  let preprocessor: PreprocessorConfig;
  try {
    preprocessor = parsePreprocessorConfig(await readJson(ppPath));
  } catch (e) {
    if (e instanceof ModelLoadError) throw e;
    throw new ModelLoadError(ppPath, (e as Error).message);
  }

  const tokenizerJson = await readJson(file('tokenizer.json'));
  if (!tokenizerJson.model || typeof tokenizerJson.model !== 'object') {
    throw new ModelLoadError(file('tokenizer.json'), 'field "model" is missing');
  }
  const tokenizerConfig = await readJson(file('tokenizer_config.json'));
  const maxLen = maxTextLength(tokenizerConfig, config);
  if (!maxLen) throw new ModelLoadError(file('tokenizer_config.json'), 'field "model_max_length" must be a positive integer');

  const visionPath = file(`onnx/vision_model${suffix}.onnx`);
  const textPath = file(`onnx/text_model${suffix}.onnx`);
  await requireFile(visionPath);
  await requireFile(textPath);

  // Our demo export stores the learned log value (as CLIP's checkpoint does); released HF configs
  // only carry logit_scale_init_value, and the trained ViT models all converged to the 100 cap.
  let logitScale = typeof config.logit_scale === 'number' && Number.isFinite(config.logit_scale) ? Math.exp(config.logit_scale) : 100;
  if (logitScaleOverride !== undefined) logitScale = logitScaleOverride;

  const canon = canonicalDtype(dtype);
  const base = path.basename(abs);
  return {
    dir: abs,
    id: canon === 'fp32' ? base : `${base}:${canon}`,
    dtype: canon,
    projectionDim,
    logitScale,
    preprocessor,
    tokenizerJson,
    tokenizerConfig,
    maxTextLength: maxLen,
    visionPath,
    textPath,
  };
}
