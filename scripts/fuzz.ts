/**
 * Fuzzing end to end. `images`: takes the fixture images in every allowed format (plus animations
 * and APNG), mutates them (bit flips, interesting integers, insertions, deletions, truncation,
 * splices) and posts each to /v1/moderations. `documents`: hostile YAML and JSON to the policy,
 * policy-set, review, appeal and webhook endpoints (scripts/fuzz-documents.ts). Every answer must be
 * a 2xx or a 4xx with a stable code, in bounded time, and the service alive at the end.
 * Deterministic per seed.
 *
 *   npm run fuzz                                  # 300 image cases and 300 document cases, in-process app
 *   npm run fuzz -- --target documents --iterations 2000 --seed 7 --concurrency 4 --save /tmp/fuzz-failures
 *   npm run fuzz -- --url http://localhost:8080 --key <api key with the admin role>
 *
 * Exit code 1 when any case got a 5xx other than 503 overloaded, no answer, or took over --max-ms.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import sharp from 'sharp';
import { apng, prng } from '../test/fixtures/hostile/encoders';
import { documentCase } from './fuzz-documents';

interface Args {
  iterations: number;
  seed: number;
  concurrency: number;
  url?: string;
  key?: string;
  save?: string;
  maxMs: number;
  target: 'images' | 'documents' | 'all';
}

function parseArgs(argv: string[]): Args {
  const a: Args = { iterations: 300, seed: 1, concurrency: 4, maxMs: 10000, target: 'all' };
  for (let i = 0; i < argv.length; i++) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--iterations') a.iterations = Number(v);
    else if (k === '--seed') a.seed = Number(v);
    else if (k === '--concurrency') a.concurrency = Number(v);
    else if (k === '--url') a.url = v;
    else if (k === '--key') a.key = v;
    else if (k === '--save') a.save = v;
    else if (k === '--max-ms') a.maxMs = Number(v);
    else if (k === '--target' && (v === 'images' || v === 'documents' || v === 'all')) a.target = v;
    else if (k === '--help') {
      console.log('usage: npm run fuzz -- [--iterations N] [--seed S] [--concurrency C] [--url URL --key KEY] [--save DIR] [--max-ms MS] [--target images|documents|all]');
      process.exit(0);
    } else continue;
    i++;
  }
  return a;
}

async function seeds(): Promise<{ name: string; data: Buffer }[]> {
  const dir = path.join(__dirname, '..', 'test', 'fixtures', 'images');
  const pngs = fs.readdirSync(dir).filter((f) => f.startsWith('twemoji-') && f.endsWith('.png')).map((f) => fs.readFileSync(path.join(dir, f)));
  const out: { name: string; data: Buffer }[] = [];
  const base = pngs[0];
  const img = sharp(base).flatten({ background: '#fff' });
  out.push({ name: 'png', data: base });
  out.push({ name: 'jpeg', data: await img.clone().jpeg().toBuffer() });
  out.push({ name: 'jpeg-progressive', data: await img.clone().jpeg({ progressive: true }).toBuffer() });
  out.push({ name: 'webp', data: await sharp(base).webp().toBuffer() });
  out.push({ name: 'webp-lossless', data: await sharp(base).webp({ lossless: true }).toBuffer() });
  out.push({ name: 'gif', data: await sharp(base).gif().toBuffer() });
  out.push({ name: 'tiff', data: await sharp(base).tiff({ compression: 'deflate' }).toBuffer() });
  out.push({ name: 'avif', data: await sharp(base).avif({ effort: 0 }).toBuffer() });
  const frames = pngs.slice(0, 4);
  out.push({ name: 'gif-animated', data: await sharp(frames, { join: { animated: true } }).gif().toBuffer() });
  out.push({ name: 'webp-animated', data: await sharp(frames, { join: { animated: true } }).webp().toBuffer() });
  const rgba = await Promise.all(frames.map(async (f) => ({ data: await sharp(f).ensureAlpha().resize(64, 64).raw().toBuffer(), width: 64, height: 64 })));
  out.push({ name: 'apng', data: apng(rgba) });
  return out;
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe];
const INTERESTING32 = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xffff, 0x10000];

/** One mutation of `buf`, chosen and parameterised by `r`. */
function mutate(buf: Buffer, other: Buffer, r: () => number): { data: Buffer; how: string } {
  const at = (n = buf.length) => Math.floor(r() * Math.max(1, n));
  // Headers are where parsers decide sizes and counts: bias positions towards the first 256 bytes.
  const pos = () => (r() < 0.6 ? at(Math.min(256, buf.length)) : at());
  const b = Buffer.from(buf);
  switch (Math.floor(r() * 8)) {
    case 0: {
      const n = 1 + at(8);
      for (let i = 0; i < n; i++) b[pos()] ^= 1 << at(8);
      return { data: b, how: `flip ${n} bits` };
    }
    case 1: {
      const p = pos();
      b[p] = INTERESTING[at(INTERESTING.length)];
      return { data: b, how: `byte ${p}=0x${b[p].toString(16)}` };
    }
    case 2: {
      const p = Math.min(pos(), b.length - 4);
      if (p < 0) return { data: b, how: 'noop' };
      const v = INTERESTING32[at(INTERESTING32.length)];
      if (r() < 0.5) b.writeUInt32BE(v >>> 0, p);
      else b.writeUInt32LE(v >>> 0, p);
      return { data: b, how: `u32 ${p}=${v}` };
    }
    case 3: {
      const p = pos();
      const ins = Buffer.alloc(1 + at(64));
      for (let i = 0; i < ins.length; i++) ins[i] = at(256);
      return { data: Buffer.concat([b.subarray(0, p), ins, b.subarray(p)]), how: `insert ${ins.length}@${p}` };
    }
    case 4: {
      const p = pos();
      const n = 1 + at(64);
      return { data: Buffer.concat([b.subarray(0, p), b.subarray(p + n)]), how: `delete ${n}@${p}` };
    }
    case 5: {
      const n = at();
      return { data: b.subarray(0, n), how: `truncate ${n}` };
    }
    case 6: {
      const p = pos();
      const n = 1 + at(128);
      return { data: Buffer.concat([b.subarray(0, p + n), b.subarray(p, p + n), b.subarray(p + n)]), how: `duplicate ${n}@${p}` };
    }
    default: {
      const p = pos();
      return { data: Buffer.concat([b.subarray(0, p), other.subarray(at(other.length))]), how: `splice@${p}` };
    }
  }
}

const TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/tiff', 'application/octet-stream'];

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let base = args.url;
  let close = async () => undefined as void;
  let rss = async () => process.memoryUsage().rss;
  if (!base) {
    // In-process: the real AppModule on an ephemeral port, with a throwaway data folder.
    const { bootApp } = await import('../test/helpers/app');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-fuzz-'));
    const app = await bootApp((c) => ({ ...c, auth: { keys: [] }, storage: { ...c.storage, dataDir, blobDir: path.join(dataDir, 'blobs') } }));
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    base = base.replace('[::1]', '127.0.0.1');
    close = async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  } else {
    rss = async () => Number(/^process_resident_memory_bytes (\S+)$/m.exec(await (await fetch(`${base}/metrics`)).text())?.[1] ?? NaN);
  }
  const headers = (type?: string): Record<string, string> => ({ ...(type ? { 'content-type': type } : {}), ...(args.key ? { authorization: `Bearer ${args.key}` } : {}) });
  const r = prng(args.seed);
  const counts = new Map<string, number>();
  const failures: { i: number; seed: string; how: string; what: string }[] = [];
  let slowest = { ms: 0, i: -1, how: '' };
  const rss0 = await rss();
  let rssPeak = rss0;
  const t0 = performance.now();
  type Case = { seed: string; how: string; send: () => Promise<Response>; data?: Buffer | string };
  const run = async (label: string, make: () => Case) => {
    let next = 0;
    const lane = async () => {
      while (next < args.iterations) {
        const i = next++;
        const c = make();
        const t = performance.now();
        let what: string;
        try {
          const res = await c.send();
          const body = (await res.json().catch(() => ({}))) as { code?: string };
          what = res.status < 300 ? `${res.status}` : `${res.status} ${body.code ?? '?'}`;
          // A 4xx must carry a stable code from the error vocabulary too.
          if ((res.status >= 500 && body.code !== 'overloaded') || (res.status >= 400 && !body.code)) failures.push({ i, seed: c.seed, how: c.how, what });
        } catch (e) {
          what = `no answer (${(e as Error).name})`;
          failures.push({ i, seed: c.seed, how: c.how, what });
        }
        const ms = performance.now() - t;
        if (ms > slowest.ms) slowest = { ms, i, how: `${c.seed}: ${c.how}` };
        if (ms > args.maxMs) failures.push({ i, seed: c.seed, how: c.how, what: `${what} after ${Math.round(ms)} ms` });
        counts.set(`${label} ${what}`, (counts.get(`${label} ${what}`) ?? 0) + 1);
        if (args.save && c.data !== undefined && failures.at(-1)?.i === i) {
          fs.mkdirSync(args.save, { recursive: true });
          fs.writeFileSync(path.join(args.save, `${label}-${i}-${c.seed}.bin`), c.data);
        }
        if (i % 50 === 0) rssPeak = Math.max(rssPeak, await rss());
      }
    };
    await Promise.all(Array.from({ length: args.concurrency }, lane));
  };
  const signal = () => AbortSignal.timeout(args.maxMs * 3);
  if (args.target !== 'documents') {
    const pool = await seeds();
    await run('image', () => {
      const s = pool[Math.floor(r() * pool.length)];
      let { data, how } = mutate(s.data, pool[Math.floor(r() * pool.length)].data, r);
      if (r() < 0.3) {
        const m = mutate(data, s.data, r);
        data = m.data;
        how = `${how}; ${m.how}`;
      }
      const type = TYPES[Math.floor(r() * TYPES.length)];
      return { seed: s.name, how, data, send: () => fetch(`${base}/v1/moderations`, { method: 'POST', body: data as unknown as BodyInit, headers: headers(type), signal: signal() }) };
    });
  }
  if (args.target !== 'images') {
    // A subscription to aim the webhook cases at (a literal public address: no DNS involved).
    const hook = await fetch(`${base}/v1/webhooks`, { method: 'POST', headers: headers('application/json'), body: JSON.stringify({ url: 'https://93.184.216.34/fuzz', enabled: false }) });
    const webhook = ((await hook.json().catch(() => ({}))) as { id?: string }).id ?? '00000000-0000-0000-0000-000000000000';
    await run('document', () => {
      const c = documentCase(r, { webhook });
      return { seed: c.method, how: `${c.path.slice(0, 60)} ${c.how}`, data: c.body, send: () => fetch(`${base}${c.path}`, { method: c.method, body: c.body, headers: headers(c.type), signal: signal() }) };
    });
  }
  const seconds = (performance.now() - t0) / 1000;
  const live = await fetch(`${base}/health/live`).then((x) => x.status, () => 0);
  const rss1 = await rss();
  await close();
  const mb = (n: number) => `${Math.round(n / 2 ** 20)} MiB`;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`fuzz (${args.target}): ${total} cases (seed ${args.seed}) in ${seconds.toFixed(1)} s, ${(total / seconds).toFixed(1)}/s`);
  for (const [k, v] of [...counts.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${String(v).padStart(6)}  ${k}`);
  console.log(`slowest: ${Math.round(slowest.ms)} ms (case ${slowest.i}, ${slowest.how})`);
  console.log(`rss: start ${mb(rss0)}, peak ${mb(Math.max(rssPeak, rss1))}, end ${mb(rss1)}; /health/live: ${live}`);
  if (failures.length || live !== 200) {
    console.log(`FAILED: ${failures.length} case(s)${live !== 200 ? ', service not live' : ''}`);
    for (const f of failures.slice(0, 20)) console.log(`  case ${f.i} (${f.seed}: ${f.how}): ${f.what}`);
    process.exit(1);
  }
  console.log('OK: every case answered 2xx or 4xx with a stable code');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
