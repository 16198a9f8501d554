import * as http from 'http';
import { performance } from 'perf_hooks';

export interface LoadResult {
  concurrency: number;
  requests: number;
  errors: number;
  imagesPerSec: number;
  p50: number;
  p95: number;
  p99: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Closed-loop load: `concurrency` clients each send the next request as soon as the previous answer
 * arrives, for `seconds`. Every latency is recorded, so percentiles are exact, not histogram buckets.
 */
export async function closedLoop(url: string, bodies: Buffer[], contentType: string, concurrency: number, seconds: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const send = (body: Buffer) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        { agent, host: target.hostname, port: target.port, path: target.pathname + target.search, method: 'POST', headers: { 'content-type': contentType, 'content-length': body.length } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const client = async (id: number) => {
    let i = id;
    while (performance.now() < deadline) {
      const t = performance.now();
      const status = await send(bodies[i++ % bodies.length]).catch(() => 0);
      if (status === 200) latencies.push(performance.now() - t);
      else errors++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, i) => client(i)));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    requests: latencies.length,
    errors,
    imagesPerSec: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}
