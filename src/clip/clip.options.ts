/** Injection token for the engine's options; the app wires it from validated config. */
export const CLIP_OPTIONS = 'CLIP_OPTIONS';

export interface ClipOptions {
  /** Folder in the Hugging Face / Transformers.js layout (config.json, onnx/, tokenizer files...). */
  modelDir: string;
  /** Picks the ONNX variant: fp32, fp16, q8 (= quantized), int8, uint8, q4, q4f16, bnb4. */
  dtype: string;
  /** Inference worker threads; each holds one vision and one text session. 'auto': threadPlan. */
  workers: number | 'auto';
  /**
   * ORT intra-op threads per session; keep workers * intraOpThreads <= cores left over by sharp.
   * 'auto': chosen from the vision graph's size, the cores and the workers at load (threadPlan).
   */
  intraOpThreads: number | 'auto';
  /**
   * Intra-op threads of a second vision session in worker 0, run for an image batch that is the pool's
   * only job; 0 or absent: none; 'auto': threadPlan. Ignored unless above the resolved intraOpThreads.
   */
  soloThreads?: number | 'auto';
  maxBatchSize: number;
  /** How long the first image of a partial batch may wait for company. */
  maxBatchWaitMs: number;
  /** Images admitted but not yet dispatched; beyond this embedImage rejects with 'overloaded'. */
  maxQueue: number;
  /** Colour transparency is flattened onto. */
  background: { r: number; g: number; b: number };
  fastShrinkOnLoad: boolean;
  /** Overrides the logit scale derived from config.json. */
  logitScale?: number;
  /** Entries in the per-(model, text) embedding cache. */
  textCacheSize: number;
  /** Pixel-flood guard passed to sharp; 0 disables (media validates limits first). Default 0. */
  limitInputPixels?: number;
  /** A batch running longer than this means a hung worker: it is terminated and replaced. 0 or absent: never. */
  jobTimeoutMs?: number;
  /** ORT `session.intra_op.allow_spinning`; off unless set (the app turns it on, with forceSpinningStop). */
  allowSpinning?: boolean;
  /**
   * ORT `session.force_spinning_stop` (default true): with spinning on, the pool's threads spin only
   * while a run is in progress and sleep as soon as it returns, leaving the cores to sharp between batches.
   */
  forceSpinningStop?: boolean;
  /** ORT `session.dynamic_block_base`: parallel loops hand out shrinking blocks, so a preempted thread's share is taken by the others. 0 (default): off. */
  dynamicBlockBase?: number;
  /**
   * Nice value (0..19) of the inference threads. Under saturation ORT keeps every core busy; a higher
   * nice value lets the event loop and the image decoders run first, so HTTP stays responsive while
   * throughput is unchanged (the CPU work is the same). 0 (default here): inherit.
   */
  workerNice?: number;
}

/**
 * Vision graphs smaller than this run on one intra-op thread under 'auto'. Such a model's batch runs in
 * well under a millisecond, and handing each operator's loop to a second thread costs more than it saves:
 * with the 8.7 MB demo model the service handled 15% more JPEGs per second on one thread than on two
 * (three A/B rounds on 2 cores), while ViT-B/32 (96 MB int8, 351 MB fp32) is faster on every core
 * (docs/performance.md#chosen-defaults-and-why).
 */
export const SMALL_VISION_GRAPH_BYTES = 32 * 1024 * 1024;

/** The intra-op threads per session of a one-worker pool: the setting when it is a number, else 1 for a small vision graph and the cores otherwise. */
export function intraOpThreadsFor(setting: number | 'auto', visionGraphBytes: number, cores: number): number {
  if (setting !== 'auto') return setting;
  return visionGraphBytes < SMALL_VISION_GRAPH_BYTES ? 1 : Math.max(1, cores);
}

/**
 * Memory that workers beyond the first may add under CLIP_WORKERS=auto, each counted at twice its
 * graphs' bytes (a second ViT-B/32 int8 worker, 153 MiB of graphs, added 330 MB of peak RSS on 2
 * cores: 0.72 -> 1.05 GB; an fp32 one, 577 MiB, 700 MB: 1.1 -> 1.8 GB). 512 MiB admits the int8
 * second worker and keeps the fp32 service at one, under issue 7's 1.5 GB (docs/performance.md).
 */
export const EXTRA_WORKERS_MEMORY_BYTES = 512 * 1024 * 1024;

export interface ThreadPlan {
  workers: number;
  /** ORT intra-op threads of every worker's sessions. */
  intraOpThreads: number;
  /** Threads of worker 0's solo vision session (0: none). */
  soloThreads: number;
}

/**
 * Workers, threads per worker and the solo session, from the settings, the graphs' sizes and the cores
 * (docs/performance.md#chosen-defaults-and-why has the measurements behind each rule):
 * - workers 'auto': 1 for a small vision graph (under 32 MiB: the demo model, whose cost is the HTTP
 *   thread's, not inference's); otherwise 1 plus as many more as EXTRA_WORKERS_MEMORY_BYTES holds at
 *   twice the vision and text graphs' bytes each, at most one per core.
 * - intra-op threads 'auto': 1 for a small vision graph; otherwise the cores shared out among the
 *   workers (at least 1 each): two workers of two threads on 2 cores lost a third of their throughput.
 * - solo threads 'auto': for a pool of several workers of a large graph, the cores (when the workers'
 *   own threads are fewer), so that a lone image is not left on one core; else none.
 */
export function threadPlan(
  setting: { workers: number | 'auto'; intraOpThreads: number | 'auto'; soloThreads?: number | 'auto' },
  graphs: { visionBytes: number; textBytes: number },
  cores: number,
): ThreadPlan {
  const n = Math.max(1, cores);
  const small = graphs.visionBytes < SMALL_VISION_GRAPH_BYTES;
  const extra = Math.floor(EXTRA_WORKERS_MEMORY_BYTES / (2 * Math.max(1, graphs.visionBytes + graphs.textBytes)));
  const workers = setting.workers !== 'auto' ? setting.workers : small ? 1 : Math.min(n, 1 + extra);
  const intraOpThreads = intraOpThreadsFor(setting.intraOpThreads, graphs.visionBytes, Math.floor(n / workers));
  const solo = setting.soloThreads === 'auto' ? (workers > 1 && !small ? n : 0) : (setting.soloThreads ?? 0);
  return { workers, intraOpThreads, soloThreads: solo > intraOpThreads ? solo : 0 };
}
