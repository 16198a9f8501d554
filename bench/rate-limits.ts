/**
 * What a rate-limited request pays for its token: the in-process bucket (SQLite) against the shared
 * PostgreSQL bucket (one UPSERT ... RETURNING), sequential and with concurrent takers on one key
 * (the row lock serialises them) and on distinct keys.
 * DATABASE_URL=postgres://... npm run bench:rate-limits [-- --takes 5000 --concurrency 16]
 */
import { performance } from 'perf_hooks';
import { LocalRateLimitStore } from '../src/common/rate-limit-store';
import { SharedRateLimits } from '../src/storage/shared-rate-limits';
import { Storage } from '../src/storage/storage';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}
const TAKES = arg('takes', 5000);
const CONC = arg('concurrency', 16);
const LIMIT = { rate: 1e6, burst: 1e7 };
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function measure(label: string, take: (i: number) => Promise<unknown>, concurrency: number) {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < TAKES) {
        const i = next++;
        const t = performance.now();
        await take(i);
        lat.push(performance.now() - t);
      }
    }),
  );
  const s = (performance.now() - t0) / 1000;
  const us = (ms: number) => (ms * 1000).toFixed(0).padStart(6);
  console.log(`| ${label.padEnd(40)} | ${String(concurrency).padStart(3)} | ${us(pct(lat, 50))} | ${us(pct(lat, 99))} | ${(TAKES / s).toFixed(0).padStart(7)} |`);
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL=postgres://... is required');
  const storage = await Storage.open({ dataDir: '/tmp', databaseUrl: url, databasePoolSize: CONC });
  const shared = new SharedRateLimits(storage);
  const local = new LocalRateLimitStore();
  console.log('| store | takers | p50 µs | p99 µs | takes/s |\n|---|---|---|---|---|');
  await measure('in process (SQLite)', () => local.take('k', LIMIT), 1);
  await measure('PostgreSQL, one key', () => shared.take('bench-one', LIMIT.rate, LIMIT.burst), 1);
  await measure('PostgreSQL, one key', () => shared.take('bench-one', LIMIT.rate, LIMIT.burst), CONC);
  await measure('PostgreSQL, a key per taker', (i) => shared.take(`bench-${i % CONC}`, LIMIT.rate, LIMIT.burst), CONC);
  await storage.db.deleteFrom('rate_limit_buckets' as never).execute();
  await storage.close();
}

void main();
