/**
 * A token bucket: `rate` tokens per second, at most `burst` saved up: the in-process store of
 * RATE_LIMITS (SQLite, one instance; PostgreSQL shares the same arithmetic in SQL,
 * src/storage/shared-rate-limits.ts). Hand-written rather than a library: the keys are the
 * configured API-key names (a bounded set, nothing to evict), and we need the exact wait for
 * Retry-After. About 20 lines.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly rate: number,
    readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes one token; returns 0 when granted, else the seconds until one is available. */
  take(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return (1 - this.tokens) / this.rate;
  }

  get remaining(): number {
    return Math.floor(this.tokens);
  }
}
