import { randomBytes } from 'crypto';
import * as ipaddr from 'ipaddr.js';
import { isIP } from 'net';
import * as os from 'os';
import { bool, ConfigError, Env, int, list } from './env';

/** Durable async moderation jobs (src/jobs). */
export interface JobsConfig {
  /** Jobs this instance runs at once. */
  concurrency: number;
  pollMs: number;
  /** A running job's lease; renewed while it runs, taken over by any instance once expired. */
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
}

/** Webhook subscriptions and delivery (src/webhooks). */
export interface WebhooksConfig {
  concurrency: number;
  pollMs: number;
  timeoutMs: number;
  /** Exponential backoff: base * 2^(attempt-1), capped at maxDelayMs, with jitter; given up after maxAgeMs. */
  retryBaseMs: number;
  retryMaxDelayMs: number;
  retryMaxAgeMs: number;
  /** An endpoint failing continuously for this long is disabled (and `webhook.disabled` is emitted). */
  disableAfterMs: number;
  /** How long the previous secret still signs after a rotation (default for the rotate call). */
  secretOverlapMs: number;
}

/** SSRF-safe outbound HTTP for URL intake and webhook delivery (src/fetch). */
export interface FetchConfig {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** CIDRs that are allowed even though they are private/loopback/link-local (e.g. 127.0.0.1/32 in tests). */
  allowCidrs: string[];
}

/** This process in a fleet of instances. */
export interface InstanceConfig {
  /** Names this process in job and delivery leases (defaults to host-pid-random). */
  id: string;
  /** Run the job and delivery workers in this process (API-only instances set false). */
  workers: boolean;
}

/** The settings of src/config/jobs-and-webhooks.ts, one AppConfig namespace each. */
export interface JobsAndWebhooksConfig {
  instance: InstanceConfig;
  jobs: JobsConfig;
  webhooks: WebhooksConfig;
  fetch: FetchConfig;
  idempotency: { ttlMs: number };
  batch: { maxItems: number };
  /** Finished jobs, delivered or failed deliveries and their events are deleted after `retentionMs`. */
  events: { retentionMs: number };
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Dotted-decimal or IPv6 addresses with an optional prefix length that fits the family. */
function cidrs(raw: string[]): string[] {
  for (const c of raw) {
    const [addr, bits, ...rest] = c.split('/');
    const family = isIP(addr);
    const ok = family !== 0 && !rest.length && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)));
    if (!ok || (bits !== undefined && !ipaddr.isValidCIDR(c))) {
      throw new ConfigError(`FETCH_ALLOW_CIDRS entry "${c}" must be an IP address or CIDR (e.g. 127.0.0.1/32, 10.0.0.0/8, fd00::/8)`);
    }
  }
  return raw;
}

/** Printed in leases and delivery logs: one line of visible characters. */
function instanceId(env: Env): string {
  const id = env.INSTANCE_ID?.trim();
  if (!id) return `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  if (id.length > 128 || !/^[\x21-\x7e]+$/.test(id)) throw new ConfigError(`INSTANCE_ID must be 1 to 128 visible ASCII characters without spaces, got "${id.slice(0, 140)}"`);
  return id;
}

export function jobsAndWebhooksConfig(env: Env, mediaMaxBytes: number): JobsAndWebhooksConfig {
  return {
    instance: { id: instanceId(env), workers: bool(env, 'WORKERS_ENABLED', true) },
    jobs: {
      concurrency: int(env, 'JOBS_CONCURRENCY', 2, 1, 256),
      pollMs: int(env, 'JOBS_POLL_MS', 1000, 5, 60_000),
      leaseMs: int(env, 'JOBS_LEASE_MS', 60_000, 200, DAY),
      maxAttempts: int(env, 'JOBS_MAX_ATTEMPTS', 3, 1, 100),
      retryBaseMs: int(env, 'JOBS_RETRY_BASE_MS', 2000, 1, DAY),
    },
    webhooks: {
      concurrency: int(env, 'WEBHOOK_CONCURRENCY', 8, 1, 256),
      pollMs: int(env, 'WEBHOOK_POLL_MS', 1000, 5, 60_000),
      timeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 50, 300_000),
      retryBaseMs: int(env, 'WEBHOOK_RETRY_BASE_MS', 5000, 1, DAY),
      retryMaxDelayMs: int(env, 'WEBHOOK_RETRY_MAX_DELAY_MS', 6 * HOUR, 1, 7 * DAY),
      retryMaxAgeMs: int(env, 'WEBHOOK_RETRY_MAX_AGE_MS', 3 * DAY, 1, 30 * DAY),
      disableAfterMs: int(env, 'WEBHOOK_DISABLE_AFTER_MS', 5 * DAY, 1, 365 * DAY),
      secretOverlapMs: int(env, 'WEBHOOK_SECRET_OVERLAP_MS', DAY, 0, 30 * DAY),
    },
    fetch: {
      maxBytes: int(env, 'FETCH_MAX_BYTES', mediaMaxBytes, 1024, 1024 * 1024 * 1024),
      timeoutMs: int(env, 'FETCH_TIMEOUT_MS', 10_000, 50, 300_000),
      maxRedirects: int(env, 'FETCH_MAX_REDIRECTS', 3, 0, 20),
      allowCidrs: cidrs(list(env, 'FETCH_ALLOW_CIDRS', [])),
    },
    idempotency: { ttlMs: int(env, 'IDEMPOTENCY_TTL_MS', DAY, 1000, 30 * DAY) },
    batch: { maxItems: int(env, 'BATCH_MAX_ITEMS', 16, 1, 1000) },
    events: { retentionMs: int(env, 'EVENT_RETENTION_MS', 30 * DAY, HOUR, 3650 * DAY) },
  };
}
