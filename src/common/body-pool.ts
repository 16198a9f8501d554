/**
 * Reusable memory for raw image uploads (src/common/raw-body.ts).
 *
 * Why: at saturation an upload waits a second or more for the model, long enough for V8 to promote
 * it, and a promoted Buffer's memory counts against the old generation's limit until the next full
 * collection (mark-compact, 10-30 ms on the HTTP thread). With a fresh allocation per upload the
 * service ran 21-25 full collections per 8 s at 4000x3000 saturation and 5-7 at 1024x768; with the
 * pool, 16-20 and 1-3, and a lower event-loop p99 in every round (docs/performance.md, "Sweep: upload pool, decoder priority and young generation").
 *
 * Rules that make reuse safe:
 * - `acquire` returns a view of exactly the requested length over a power-of-two block; the bytes
 *   past it are never exposed, and every byte of the view is overwritten by the upload before use.
 * - Only the code that last reads an upload gives it back (`release`), and only on a path where no
 *   other reader is left (src/moderation: the request was screened and recorded). Anything not
 *   released is simply collected, as before: forgetting costs reuse, never correctness.
 * - `release` ignores buffers it did not lease and second releases of the same block.
 */
export class BodyPool {
  /** Uploads below this are left to Node's allocator: they are cheap and short-lived. */
  static readonly MIN_BLOCK = 64 * 1024;
  private readonly free = new Map<number, ArrayBuffer[]>();
  private readonly leased = new WeakSet<ArrayBuffer>();
  private idleBytes = 0;
  /** Blocks reused, newly allocated, and dropped on return (over the budget); /metrics reports them. */
  readonly stats = { reused: 0, allocated: 0, dropped: 0 };

  /** `maxIdleBytes`: blocks kept for reuse, at most this many bytes in all (0: pooling off). */
  constructor(public maxIdleBytes = 128 * 1024 * 1024) {}

  acquire(length: number): Buffer {
    if (length < BodyPool.MIN_BLOCK || this.maxIdleBytes <= 0) return Buffer.allocUnsafe(length);
    const size = blockSize(length);
    const block = this.free.get(size)?.pop();
    let ab: ArrayBuffer;
    if (block) {
      this.idleBytes -= size;
      this.stats.reused++;
      ab = block;
    } else {
      // allocUnsafeSlow: a block of its own, never a slice of Node's shared 8 KiB pool.
      ab = Buffer.allocUnsafeSlow(size).buffer as ArrayBuffer;
      this.stats.allocated++;
    }
    this.leased.add(ab);
    return Buffer.from(ab, 0, length);
  }

  /** Gives an upload's block back; it must not be read again by the caller. */
  release(body: Buffer): void {
    const ab = body.buffer as ArrayBuffer;
    if (!this.leased.has(ab)) return;
    this.leased.delete(ab);
    if (this.idleBytes + ab.byteLength > this.maxIdleBytes) {
      this.stats.dropped++;
      return;
    }
    let list = this.free.get(ab.byteLength);
    if (!list) this.free.set(ab.byteLength, (list = []));
    list.push(ab);
    this.idleBytes += ab.byteLength;
  }

  get idle(): number {
    return this.idleBytes;
  }
}

function blockSize(length: number): number {
  return Math.max(BodyPool.MIN_BLOCK, 2 ** Math.ceil(Math.log2(length)));
}

/** The process's pool: raw-body.ts leases from it, the moderation path gives back. */
export const uploadPool = new BodyPool();
