/** What the loaded model is; others show it in responses, metrics and audit records. */
export interface ModelInfo {
  /** Folder basename, plus ":dtype" unless fp32, e.g. "emoji-clip-demo" or "clip-vit-base-patch32:q8". */
  id: string;
  dir: string;
  dtype: string;
  projectionDim: number;
  logitScale: number;
  imageSize: { width: number; height: number };
  maxTextLength: number;
  loadMs: number;
}

export interface ImageEmbedding {
  /** L2-normalised, length projectionDim. */
  embedding: Float32Array;
  timings: { preprocessMs: number; queueMs: number; inferenceMs: number; batchSize: number };
}

export interface TokenizedText {
  ids: number[];
  /** Tokens before padding, including BOS and EOS. */
  length: number;
  truncated: boolean;
}

export interface ClipStats {
  queueDepth: number;
  workers: number;
  busyWorkers: number;
  cacheSize: number;
}

/** Stable codes the HTTP layer maps: overloaded -> 503, deadline_exceeded -> 504, model_unavailable -> 503. */
/** `cancelled`: the caller gave up (another frame of its request failed); nobody is waiting for the answer. */
export type ClipErrorCode = 'overloaded' | 'deadline_exceeded' | 'model_unavailable' | 'invalid_image' | 'cancelled';

export class ClipError extends Error {
  constructor(
    readonly code: ClipErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ClipError';
  }
}

/** A model folder that can't be served; `path` names the offending file so start-up logs say what to fix. */
export class ModelLoadError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`model load failed: ${path}: ${reason}`);
    this.name = 'ModelLoadError';
  }
}
