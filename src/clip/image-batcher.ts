import { ClipError } from './clip.types';

/**
 * One image's model input: a normalised float32 CHW tensor, or its interleaved RGB bytes (HWC) that
 * the inference worker normalises (what ClipService sends: 4x fewer bytes, no float work on the
 * HTTP thread). Every image of one batcher is of the same kind.
 */
export type ImageTensor = Float32Array | Uint8Array;

/** What the batcher needs from the inference pool (a fake in unit tests). */
export interface BatchRunner {
  idleCount(): number;
  /** `lone`: nothing else is queued or being decoded, so the batch may have every core to itself. */
  runImages(data: ImageTensor, count: number, lone: boolean): Promise<{ data: Float32Array; inferenceMs: number }>;
}

export interface BatcherOptions {
  maxBatchSize: number;
  maxWaitMs: number;
  maxQueue: number;
  /** Values per image (3 * H * W). */
  itemSize: number;
  /** Width of one embedding. */
  dim: number;
  /**
   * Images still being decoded that will be submitted soon. When it returns 0, no company is on its
   * way, so a partial batch goes to an idle worker at once instead of waiting maxWaitMs for nobody
   * (a lone request's latency). Absent: always wait.
   */
  incoming?: () => number;
}

export interface BatchedEmbedding {
  embedding: Float32Array;
  queueMs: number;
  inferenceMs: number;
  batchSize: number;
}

interface Item {
  tensor: ImageTensor;
  enqueuedAt: number;
  settled: boolean;
  timer?: NodeJS.Timeout;
  /** Removes the abort listener of the caller's signal. */
  unlisten?: () => void;
  resolve: (r: BatchedEmbedding) => void;
  reject: (e: Error) => void;
}

/**
 * Dynamic micro-batching: one ORT run over N images costs far less than N runs. Images wait until a
 * worker is free and either a full batch is there or the oldest has waited maxWaitMs, so a lone
 * request pays at most maxWaitMs extra (nothing when no other image is being decoded) while bursts
 * fill batches. The queue is bounded so overload turns into a fast 'overloaded' error instead of
 * unbounded latency and memory.
 */
export class ImageBatcher {
  private readonly queue: Item[] = [];
  private timer?: NodeJS.Timeout;
  private pumping = false;
  private closed = false;
  onBatch?: (size: number, inferenceMs: number) => void;

  constructor(
    private readonly runner: BatchRunner,
    private readonly opts: BatcherOptions,
  ) {}

  get depth(): number {
    return this.queue.length;
  }

  /**
   * Queues one preprocessed image; `deadlineAt` is an absolute performance.now() time. Aborting
   * `signal` withdraws the image if it is still waiting (a batch already running finishes).
   */
  submit(tensor: ImageTensor, deadlineAt?: number, signal?: AbortSignal): Promise<BatchedEmbedding> {
    if (this.closed) return Promise.reject(new ClipError('model_unavailable', 'CLIP engine is shut down'));
    if (tensor.length !== this.opts.itemSize) {
      return Promise.reject(new Error(`image tensor has ${tensor.length} values, expected ${this.opts.itemSize}`));
    }
    if (this.queue.length >= this.opts.maxQueue) {
      return Promise.reject(new ClipError('overloaded', `image queue is full (${this.opts.maxQueue} waiting)`));
    }
    if (signal?.aborted) return Promise.reject(new ClipError('cancelled', 'the request was cancelled'));
    return new Promise((resolve, reject) => {
      const item: Item = { tensor, enqueuedAt: performance.now(), settled: false, resolve, reject };
      if (deadlineAt !== undefined) {
        const left = deadlineAt - item.enqueuedAt;
        if (left <= 0) return reject(new ClipError('deadline_exceeded', 'deadline passed before the image was queued'));
        item.timer = setTimeout(() => this.expire(item), left);
      }
      if (signal) {
        const onAbort = () => this.withdraw(item);
        signal.addEventListener('abort', onAbort, { once: true });
        item.unlisten = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(item);
      this.pump();
    });
  }

  private withdraw(item: Item): void {
    const i = this.queue.indexOf(item);
    if (i < 0) return; // already running or settled
    this.queue.splice(i, 1);
    this.settle(item, new ClipError('cancelled', 'the request was cancelled'));
  }

  /** Offers queued images to idle workers; the pool calls this whenever a worker frees up. */
  pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length && this.runner.idleCount() > 0) {
        const waited = performance.now() - this.queue[0].enqueuedAt;
        const companyDue = (this.opts.incoming?.() ?? 1) > 0;
        if (this.queue.length < this.opts.maxBatchSize && waited < this.opts.maxWaitMs && companyDue) break;
        this.dispatch(this.queue.splice(0, this.opts.maxBatchSize));
      }
    } finally {
      this.pumping = false;
    }
    this.armTimer();
  }

  /** Rejects everything still waiting; in-flight batches settle through the pool. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const item of this.queue.splice(0)) this.settle(item, new ClipError('model_unavailable', 'CLIP engine is shutting down'));
  }

  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.queue.length || this.closed) return;
    const due = this.queue[0].enqueuedAt + this.opts.maxWaitMs - performance.now();
    if (due > 0) this.timer = setTimeout(() => this.pump(), due);
    // The wait can run out between pump's check and this one (a preempted thread): pump again, or
    // the image would sit there until some other event. With every worker busy the pool's idle
    // callback pumps instead, so this never spins.
    else if (this.runner.idleCount() > 0) this.timer = setTimeout(() => this.pump(), 0);
  }

  private dispatch(items: Item[]): void {
    const { itemSize, dim } = this.opts;
    const batch = items[0].tensor instanceof Uint8Array ? new Uint8Array(items.length * itemSize) : new Float32Array(items.length * itemSize);
    items.forEach((it, i) => batch.set(it.tensor, i * itemSize));
    const startedAt = performance.now();
    const lone = !this.queue.length && this.opts.incoming !== undefined && this.opts.incoming() === 0;
    this.runner.runImages(batch, items.length, lone).then(
      ({ data, inferenceMs }) => {
        this.onBatch?.(items.length, inferenceMs);
        // One result per turn of the event loop: each request's continuation (decision, database
        // commit, answer) runs before the next is released, so a batch of 16 does not hold the HTTP
        // thread for 16 continuations in a row and timers and sockets get served in between.
        const deliver = (i: number): void => {
          this.settle(items[i], {
            embedding: data.slice(i * dim, (i + 1) * dim),
            queueMs: startedAt - items[i].enqueuedAt,
            inferenceMs,
            batchSize: items.length,
          });
          if (i + 1 < items.length) setImmediate(deliver, i + 1);
        };
        deliver(0);
      },
      (e: Error) => items.forEach((it) => this.settle(it, e)),
    );
  }

  private expire(item: Item): void {
    const i = this.queue.indexOf(item);
    if (i >= 0) this.queue.splice(i, 1);
    this.settle(item, new ClipError('deadline_exceeded', 'image embedding did not finish before its deadline'));
  }

  private settle(item: Item, result: BatchedEmbedding | Error): void {
    if (item.settled) return;
    item.settled = true;
    if (item.timer) clearTimeout(item.timer);
    item.unlisten?.();
    if (result instanceof Error) item.reject(result);
    else item.resolve(result);
  }
}
