import type { RateLimit } from '../config/reliability';
import { TokenBucket } from './token-bucket';

/** One request's turn at a key's bucket: 0 seconds to wait when granted, and the whole tokens left. */
export interface RateLimitTake {
  waitS: number;
  remaining: number;
}

/** Where the per-key token buckets live: this process (SQLite, one instance) or the shared database (PostgreSQL, N instances). */
export interface RateLimitStore {
  take(key: string, limit: RateLimit): Promise<RateLimitTake>;
}

/** Buckets in this process's memory; the key names are the configured API keys, a bounded set. */
export class LocalRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, TokenBucket>();

  take(key: string, limit: RateLimit): Promise<RateLimitTake> {
    const now = performance.now();
    let b = this.buckets.get(key);
    if (!b || b.rate !== limit.rate || b.burst !== limit.burst) this.buckets.set(key, (b = new TokenBucket(limit.rate, limit.burst, now)));
    const waitS = b.take(now);
    return Promise.resolve({ waitS, remaining: b.remaining });
  }
}
