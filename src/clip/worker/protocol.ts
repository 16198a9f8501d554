/** Messages between the pool (main thread) and an inference worker. Kept import-free: workers load it too. */

export interface WorkerConfig {
  visionPath: string;
  textPath: string;
  intraOpThreads: number;
  /**
   * Intra-op threads of a second vision session, run instead of the first for an image job sent with
   * `solo` (the pool's only job at that moment); 0: none. It lets a pool of single-threaded workers
   * still give a lone image every core.
   */
  soloThreads: number;
  allowSpinning: boolean;
  forceSpinningStop: boolean;
  /** 0: off. */
  dynamicBlockBase: number;
  /** 3 x 256 rescale+normalise lookup (ImagePreprocessor.pixelLut) for images sent as RGB bytes. */
  pixelLut?: Float32Array;
  /** Nice value applied to the worker thread before its sessions (and ORT's thread pool) are created. */
  nice?: number;
  projectionDim: number;
  imageDims: [number, number, number];
  maxTextLength: number;
  /** Warm-up text ids (BOS, EOS, padding): proves the text graph runs before we report ready. */
  warmupIds: number[];
}

export type WorkerJob =
  /** data: normalised float32 CHW, or RGB bytes HWC that the worker normalises with `pixelLut`. */
  | { id: number; kind: 'image'; data: Float32Array | Uint8Array; count: number; lone?: boolean; solo?: boolean }
  | { id: number; kind: 'text'; ids: BigInt64Array; count: number };

export type WorkerReply =
  | { type: 'ready'; textInputs: string[] }
  | { type: 'init_error'; path: string; message: string }
  /**
   * startedNs/endedNs: the run on process.hrtime's clock, which is monotonic and shared by every
   * thread of the process, so the main thread can place its own work against the worker's.
   */
  /** threads: the intra-op threads of the session that ran the job. */
  | { type: 'result'; id: number; data: Float32Array; inferenceMs: number; startedNs: bigint; endedNs: bigint; threads: number }
  | { type: 'job_error'; id: number; message: string };
