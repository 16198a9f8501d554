/** Injection token for the engine's options; the app wires it from validated config. */
export const CLIP_OPTIONS = 'CLIP_OPTIONS';

export interface ClipOptions {
  /** Folder in the Hugging Face / Transformers.js layout (config.json, onnx/, tokenizer files...). */
  modelDir: string;
  /** Picks the ONNX variant: fp32, fp16, q8 (= quantized), int8, uint8, q4, q4f16, bnb4. */
  dtype: string;
  /** Inference worker threads; each holds one vision and one text session. */
  workers: number;
  /**
   * ORT intra-op threads per session; keep workers * intraOpThreads <= cores left over by sharp.
   * 'auto': chosen from the vision graph's size and the cores at load (intraOpThreadsFor).
   */
  intraOpThreads: number | 'auto';
  /**
   * Intra-op threads of a second vision session in worker 0, run for an image batch that is the pool's
   * only job; 0 or absent: none. Ignored unless above the resolved intraOpThreads.
   */
  soloThreads?: number;
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

/** The intra-op threads per session: the setting when it is a number, else 1 for a small vision graph and the cores otherwise. */
export function intraOpThreadsFor(setting: number | 'auto', visionGraphBytes: number, cores: number): number {
  if (setting !== 'auto') return setting;
  return visionGraphBytes < SMALL_VISION_GRAPH_BYTES ? 1 : Math.max(1, cores);
}
