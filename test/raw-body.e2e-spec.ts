import { INestApplication } from '@nestjs/common';
import { createHash } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import sharp from 'sharp';
import { gzipSync } from 'zlib';
import { uploadPool } from '../src/common/body-pool';
import { bootApp, image } from './helpers/app';

/** Raw image bodies (src/common/raw-body.ts): Content-Length, chunked, compressed, aborted, and over the limit. */
describe('raw image bodies', () => {
  let app: INestApplication;
  let port: number;
  const pistol = image('twemoji-pistol.png');
  const LIMIT = 2 * 1024 * 1024;

  beforeAll(async () => {
    app = await bootApp((c) => ({ ...c, media: { ...c.media, maxBytes: LIMIT } }));
    await new Promise<void>((r) => app.getHttpServer().listen(0, '127.0.0.1', r));
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Sends `parts` one write at a time on a new connection; headers as given (no Content-Length means chunked). */
  function post(parts: Buffer[], headers: Record<string, string>): Promise<{ status: number; body: any }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/moderations', headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') }));
      });
      req.on('error', reject);
      for (const p of parts) req.write(p);
      req.end();
    });
  }

  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('reads a body with Content-Length and a chunked one to the same bytes', async () => {
    const withLength = await post([pistol], { 'content-type': 'image/png', 'content-length': String(pistol.length) });
    const chunked = await post([pistol.subarray(0, 100), pistol.subarray(100, 900), pistol.subarray(900)], { 'content-type': 'image/png' });
    expect(withLength.status).toBe(200);
    expect(chunked.status).toBe(200);
    expect(withLength.body.image.sha256).toBe(sha(pistol));
    expect(chunked.body.image.sha256).toBe(sha(pistol));
    expect(chunked.body.decision).toBe(withLength.body.decision);
  });

  it('hashes a large upload while it streams in to the same sha256', async () => {
    const noise = Buffer.alloc(900 * 700 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const jpeg = await sharp(noise, { raw: { width: 900, height: 700, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
    expect(jpeg.length).toBeGreaterThan(256 * 1024);
    const res = await post([jpeg], { 'content-type': 'image/jpeg', 'content-length': String(jpeg.length) });
    expect(res.status).toBe(200);
    expect(res.body.image.sha256).toBe(sha(jpeg));
    expect(res.body.image.bytes).toBe(jpeg.length);
  });

  it('reuses upload memory between moderations without mixing one image into another', async () => {
    // Three different photographs-sized JPEGs, each above the pool's 64 KiB minimum.
    const jpegs = await Promise.all(
      [
        [640, 480, 7],
        [500, 700, 13],
        [800, 400, 29],
      ].map(([w, h, k]) => {
        const px = Buffer.alloc(w * h * 3);
        for (let i = 0; i < px.length; i++) px[i] = ((i * k * 2654435761) >>> 24) ^ (i % w);
        return sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
      }),
    );
    const send = (jpeg: Buffer) => post([jpeg], { 'content-type': 'image/jpeg', 'content-length': String(jpeg.length) });
    const scores = (body: any) => body.policies.map((p: any) => [p.policy_id, p.score]);
    const solo: any[] = [];
    for (const j of jpegs) solo.push((await send(j)).body);
    const reusedBefore = uploadPool.stats.reused;
    for (let round = 0; round < 3; round++) {
      const order = [0, 1, 2, 2, 1, 0];
      const answers = await Promise.all(order.map((i) => send(jpegs[i])));
      answers.forEach((a, k) => {
        const i = order[k];
        expect(a.status).toBe(200);
        expect([a.body.image.width, a.body.image.height]).toEqual([solo[i].image.width, solo[i].image.height]);
        expect(a.body.image.sha256).toBe(sha(jpegs[i]));
        // The scores come from the decoded pixels: a block reused too early would change them.
        expect(scores(a.body)).toEqual(scores(solo[i]));
      });
    }
    expect(uploadPool.stats.reused).toBeGreaterThan(reusedBefore);
    const metrics = await new Promise<string>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: '/metrics', agent: false }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    const reused = /^upload_pool_blocks_total\{outcome="reused"\} (\d+)/m.exec(metrics);
    expect(Number(reused?.[1])).toBe(uploadPool.stats.reused);
    expect(metrics).toMatch(/^upload_pool_idle_bytes \d+/m);
  });

  it('inflates a gzip-encoded body', async () => {
    const res = await post([gzipSync(pistol)], { 'content-type': 'image/png', 'content-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.body.image.sha256).toBe(sha(pistol));
  });

  it('refuses bodies over the byte limit, declared or chunked, with 413 payload_too_large', async () => {
    const declared = await post([], { 'content-type': 'image/png', 'content-length': String(LIMIT + 1) });
    expect(declared.status).toBe(413);
    expect(declared.body.code).toBe('payload_too_large');
    const big = Buffer.alloc(256 * 1024, 1);
    const chunked = await post(Array.from({ length: 9 }, () => big), { 'content-type': 'image/png' });
    expect(chunked.status).toBe(413);
    expect(chunked.body.code).toBe('payload_too_large');
  });

  it('survives a client that aborts mid-upload, and keeps answering', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/moderations', headers: { 'content-type': 'image/png', 'content-length': String(1024 * 1024) }, agent: false });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(Buffer.alloc(64 * 1024, 3), () => req.destroy());
    });
    const after = await post([pistol], { 'content-type': 'image/png', 'content-length': String(pistol.length) });
    expect(after.status).toBe(200);
  });
});
