import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { stat } from 'fs/promises';
import { availableParallelism } from 'os';
import { CLIP_OPTIONS, ClipOptions, threadPlan } from './clip.options';
import { ClipError, ClipStats, ImageEmbedding, ModelInfo, ModelLoadError, TokenizedText } from './clip.types';
import { ClipTokenizer } from './clip-tokenizer';
import { ImageBatcher } from './image-batcher';
import { ImageInput, ImagePreprocessor } from './image-preprocessor';
import { LruCache } from './lru-cache';
import { loadModelFolder } from './model-folder';
import { WorkerPool } from './worker-pool';

/** Texts per ORT run: prompt sets are small, and this bounds one run's memory. */
const TEXT_BATCH = 64;

/**
 * The CLIP engine's façade: load a model folder, embed images (micro-batched in worker threads) and
 * texts (batched, cached). Nothing outside src/clip touches ONNX, the tokenizer or the workers.
 */
@Injectable()
export class ClipService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ClipService');
  private info?: ModelInfo;
  /** Metrics hook, set by whoever exports batch sizes and inference latency. */
  onBatch?: (size: number, inferenceMs: number) => void;

  private pool?: WorkerPool;
  private batcher?: ImageBatcher;
  private tokenizer?: ClipTokenizer;
  private preprocessor?: ImagePreprocessor;
  private cache: LruCache<string, Float32Array>;
  private readonly textInFlight = new Map<string, Promise<Float32Array>>();
  private preprocessing = 0;
  private ready = false;

  constructor(@Inject(CLIP_OPTIONS) private readonly opts: ClipOptions) {
    this.cache = new LruCache(opts.textCacheSize);
  }

  async onModuleInit(): Promise<void> {
    await this.load();
  }

  /** After every onModuleDestroy: the jobs that drain there still embed their images. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /** Loads the folder and starts the workers; any problem throws a ModelLoadError naming the file. */
  async load(): Promise<void> {
    const t0 = performance.now();
    const o = this.opts;
    const folder = await loadModelFolder(o.modelDir, o.dtype, o.logitScale);
    try {
      this.tokenizer = new ClipTokenizer(folder.tokenizerJson, folder.tokenizerConfig, folder.maxTextLength);
    } catch (e) {
      throw new ModelLoadError(`${folder.dir}/tokenizer.json`, (e as Error).message);
    }
    const pp = folder.preprocessor;
    this.preprocessor = new ImagePreprocessor(pp, {
      background: o.background,
      fastShrinkOnLoad: o.fastShrinkOnLoad,
      limitInputPixels: o.limitInputPixels ?? 0,
    });
    const warmup = this.tokenizer.encode('').ids;
    // The 'auto' settings resolve here, from the graphs the folder picked (docs/performance.md#chosen-defaults-and-why).
    const graphs = { visionBytes: (await stat(folder.visionPath)).size, textBytes: (await stat(folder.textPath)).size };
    const plan = threadPlan(o, graphs, availableParallelism());
    const { intraOpThreads, soloThreads } = plan;
    const pool = new WorkerPool(
      {
        visionPath: folder.visionPath,
        textPath: folder.textPath,
        intraOpThreads,
        soloThreads,
        allowSpinning: o.allowSpinning ?? false,
        forceSpinningStop: o.forceSpinningStop ?? true,
        dynamicBlockBase: o.dynamicBlockBase ?? 0,
        nice: o.workerNice ?? 0,
        pixelLut: this.preprocessor.pixelLut(),
        projectionDim: folder.projectionDim,
        imageDims: this.preprocessor.dims,
        maxTextLength: folder.maxTextLength,
        warmupIds: warmup,
      },
      plan.workers,
    );
    pool.onWorkerError = (i, msg) => this.logger.error(`inference worker ${i}: ${msg}`);
    pool.jobTimeoutMs = o.jobTimeoutMs ?? 0;
    await pool.start();
    this.pool = pool;
    this.batcher = new ImageBatcher(
      { idleCount: () => pool.idleCount(), runImages: (data, count, lone) => pool.run({ kind: 'image', data, count, lone }) },
      {
        maxBatchSize: o.maxBatchSize,
        maxWaitMs: o.maxBatchWaitMs,
        maxQueue: o.maxQueue,
        itemSize: this.preprocessor.tensorSize,
        dim: folder.projectionDim,
        incoming: () => this.preprocessing,
      },
    );
    this.batcher.onBatch = (size, ms) => this.onBatch?.(size, ms);
    pool.onIdle = () => this.batcher?.pump();
    this.info = {
      id: folder.id,
      dir: folder.dir,
      dtype: folder.dtype,
      projectionDim: folder.projectionDim,
      logitScale: folder.logitScale,
      imageSize: { width: pp.cropWidth, height: pp.cropHeight },
      maxTextLength: folder.maxTextLength,
      loadMs: Math.round(performance.now() - t0),
    };
    this.ready = true;
    const solo = soloThreads ? `, a lone batch on ${soloThreads}` : '';
    this.logger.log(`model ${this.model.id} loaded in ${this.model.loadMs} ms (${plan.workers} workers x ${intraOpThreads} ORT threads${solo}, dim ${folder.projectionDim})`);
  }

  /** The loaded model; reading it before onModuleInit finished is a wiring bug, hence the throw. */
  get model(): ModelInfo {
    if (!this.info) throw new ClipError('model_unavailable', 'CLIP model is not loaded');
    return this.info;
  }

  isReady(): boolean {
    return this.ready && (this.pool?.alive ?? 0) > 0;
  }

  /** `signal`: abort to withdraw the image (not yet decoded, or still queued) when nobody needs it any more. */
  async embedImage(input: ImageInput, opts: { deadlineMs?: number; signal?: AbortSignal } = {}): Promise<ImageEmbedding> {
    const batcher = this.requireReady();
    if (opts.signal?.aborted) throw new ClipError('cancelled', 'the request was cancelled');
    const t0 = performance.now();
    const deadlineAt = opts.deadlineMs !== undefined ? t0 + opts.deadlineMs : undefined;
    // Count images being preprocessed too: rejecting before sharp runs is what keeps overload cheap.
    if (batcher.depth + this.preprocessing >= this.opts.maxQueue) {
      throw new ClipError('overloaded', `image queue is full (${this.opts.maxQueue} waiting)`);
    }
    this.preprocessing++;
    let tensor: Uint8Array;
    try {
      // RGB bytes: the inference worker rescales and normalises them (see ImageTensor).
      const { data } = await this.preprocessor!.toRgb(input);
      tensor = new Uint8Array(data.buffer, data.byteOffset, data.length);
    } catch (e) {
      throw new ClipError('invalid_image', `the image could not be decoded: ${(e as Error).message}`);
    } finally {
      this.preprocessing--;
    }
    const preprocessMs = performance.now() - t0;
    const r = await batcher.submit(tensor, deadlineAt, opts.signal);
    return {
      embedding: r.embedding,
      timings: { preprocessMs, queueMs: r.queueMs, inferenceMs: r.inferenceMs, batchSize: r.batchSize },
    };
  }

  /** Many images, still through the batcher; keeps a bounded number in flight so it can't overload itself. */
  async embedImages(inputs: ImageInput[]): Promise<Float32Array[]> {
    const out = new Array<Float32Array>(inputs.length);
    const window = Math.max(1, Math.min(this.opts.maxQueue, this.opts.maxBatchSize * (this.pool?.size ?? 1) * 2));
    let next = 0;
    const lane = async () => {
      while (next < inputs.length) {
        const i = next++;
        out[i] = (await this.embedImage(inputs[i])).embedding;
      }
    };
    await Promise.all(Array.from({ length: Math.min(window, inputs.length) }, lane));
    return out;
  }

  /** L2-normalised text embeddings in input order; each (model, text) is computed once and cached. */
  async embedTexts(texts: string[]): Promise<Float32Array[]> {
    this.requireReady();
    const missing: string[] = [];
    for (const t of new Set(texts)) {
      if (!this.cache.get(this.key(t)) && !this.textInFlight.has(t)) missing.push(t);
    }
    for (let i = 0; i < missing.length; i += TEXT_BATCH) {
      const chunk = missing.slice(i, i + TEXT_BATCH);
      const run = this.pool!.run({ kind: 'text', ids: this.tokenizer!.encodeBatch(chunk), count: chunk.length });
      chunk.forEach((t, j) => {
        const p = run.then(({ data }) => {
          const d = this.model.projectionDim;
          const v = data.slice(j * d, (j + 1) * d);
          this.cache.set(this.key(t), v);
          return v;
        });
        p.catch(() => undefined).finally(() => this.textInFlight.delete(t));
        this.textInFlight.set(t, p);
      });
    }
    return Promise.all(texts.map((t) => this.cache.get(this.key(t)) ?? this.textInFlight.get(t)!));
  }

  tokenize(text: string): TokenizedText {
    if (!this.tokenizer) throw new ClipError('model_unavailable', 'CLIP model is not loaded');
    return this.tokenizer.encode(text);
  }

  stats(): ClipStats {
    return {
      queueDepth: (this.batcher?.depth ?? 0) + this.preprocessing,
      workers: this.pool?.alive ?? 0,
      busyWorkers: this.pool?.busy ?? 0,
      cacheSize: this.cache.size,
    };
  }

  async close(): Promise<void> {
    this.ready = false;
    this.batcher?.close();
    await this.pool?.close();
  }

  /** Test hook: the worker pool, to simulate a crash. */
  get workerPoolForTests(): WorkerPool | undefined {
    return this.pool;
  }

  private key(text: string): string {
    return `${this.model.id}\u0000${text}`;
  }

  private requireReady(): ImageBatcher {
    if (!this.ready || !this.batcher) throw new ClipError('model_unavailable', 'CLIP model is not loaded');
    return this.batcher;
  }
}
