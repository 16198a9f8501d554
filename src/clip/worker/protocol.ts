/** Messages between the pool (main thread) and an inference worker. Kept import-free: workers load it too. */

export interface WorkerConfig {
  visionPath: string;
  textPath: string;
  intraOpThreads: number;
  allowSpinning: boolean;
  /** Nice value applied to the worker thread before its sessions (and ORT's thread pool) are created. */
  nice?: number;
  projectionDim: number;
  imageDims: [number, number, number];
  maxTextLength: number;
  /** Warm-up text ids (BOS, EOS, padding): proves the text graph runs before we report ready. */
  warmupIds: number[];
}

export type WorkerJob =
  | { id: number; kind: 'image'; data: Float32Array; count: number }
  | { id: number; kind: 'text'; ids: BigInt64Array; count: number };

export type WorkerReply =
  | { type: 'ready'; textInputs: string[] }
  | { type: 'init_error'; path: string; message: string }
  | { type: 'result'; id: number; data: Float32Array; inferenceMs: number }
  | { type: 'job_error'; id: number; message: string };
