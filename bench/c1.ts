/**
 * `npm run bench:c1 [-- --model DIR --requests N]`: where a lone request's time goes. One client sends
 * 1024x768 JPEGs one at a time to the built service (`dist/`) and reports medians of its own latency
 * beside the server's `timings` (decode, queue, inference, decide, total), so the gaps read as HTTP
 * (client minus total) and the rest of the server's work (total minus the parts).
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { benchImages } from './images';
import { arg, DEFAULT_BENCH_MODEL, ROOT } from './options';
import { writePolicyDir } from './prompts';
import { ServiceProcess } from './service';

function post(agent: http.Agent, port: number, body: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: '127.0.0.1', port, path: '/v1/moderations', method: 'POST', headers: { 'content-type': 'image/jpeg', 'content-length': body.length } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`HTTP ${res.statusCode}: ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const modelDir = path.resolve(ROOT, arg('model', DEFAULT_BENCH_MODEL));
  const requests = Number(arg('requests', '150'));
  const warmup = 20;
  const images = (await benchImages(path.join(ROOT, '.cache', 'bench-images')))['1024x768'];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-c1-'));
  const svc = new ServiceProcess({ MODEL_DIR: modelDir, MODEL_DTYPE: arg('dtype', 'fp32'), POLICIES_DIR: writePolicyDir(path.join(tmp, 'policies')), POLICIES_WATCH: 'false', DATA_DIR: path.join(tmp, 'data'), LOG_LEVEL: 'warn' });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const cols = ['client', 'total', 'decode', 'queue', 'inference', 'decide'] as const;
  const rows: Record<(typeof cols)[number], number>[] = [];
  try {
    await svc.start();
    for (let i = 0; i < warmup + requests; i++) {
      const t0 = performance.now();
      const body = JSON.parse(await post(agent, svc.port, images[i % images.length])) as { timings: Record<string, number> };
      const client = performance.now() - t0;
      const t = body.timings;
      if (i >= warmup) rows.push({ client, total: t.total_ms, decode: t.decode_ms, queue: t.queue_ms, inference: t.inference_ms, decide: t.decide_ms });
    }
  } finally {
    agent.destroy();
    await svc.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const median = (k: (typeof cols)[number]) => rows.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rows.length / 2)];
  const m = Object.fromEntries(cols.map((k) => [k, median(k)])) as Record<(typeof cols)[number], number>;
  console.log(`${requests} requests, concurrency 1, 1024x768 JPEG, ${path.relative(ROOT, modelDir)}; medians in ms`);
  console.log(`| ${cols.join(' | ')} | HTTP (client - total) | rest of server (total - parts) |`);
  console.log(`|${' --- |'.repeat(cols.length + 2)}`);
  const rest = m.total - m.decode - m.queue - m.inference - m.decide;
  console.log(`| ${cols.map((k) => m[k].toFixed(1)).join(' | ')} | ${(m.client - m.total).toFixed(1)} | ${rest.toFixed(1)} |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
