import { INestApplication } from '@nestjs/common';
import * as http from 'http';
import { AddressInfo } from 'net';
import sharp from 'sharp';
import request from 'supertest';
import { ClipService } from '../src/clip/clip.service';
import { AdmissionControl } from '../src/common/admission';
import { bootApp, image } from './helpers/app';
import { createTestDatabase, TestDatabase } from './support/databases';

const KEYS = { limited: 'limited-key-0123456789', free: 'free-key-0123456789ab' };

async function until(cond: () => boolean, ms = 10000, what = 'condition'): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('overload: admission control, bounded model queue, per-key rate limits', () => {
  let app: INestApplication;
  let server: http.Server;
  let db: TestDatabase;
  const dog = image('twemoji-dog-face.png');
  const post = (key: keyof typeof KEYS, body = dog) =>
    request(server).post('/v1/moderations').set('Authorization', `Bearer ${KEYS[key]}`).set('Content-Type', 'image/png').send(body);

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await bootApp((c) =>
      db.storage()({
        ...c,
        auth: { keys: Object.entries(KEYS).map(([name, key]) => ({ name, key, roles: ['ingest'] })) },
        clip: { ...c.clip, maxQueue: 8, maxBatchSize: 4 },
        reliability: { ...c.reliability, maxInFlight: 2, rateLimits: { '*': null, limited: { rate: 0.01, burst: 3 } } },
      }),
    );
    server = app.getHttpServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('refuses the request over HTTP_MAX_IN_FLIGHT with 503 overloaded and Retry-After before reading its body', async () => {
    const admission = app.get(AdmissionControl);
    const port = (server.address() as AddressInfo).port;
    // Two uploads that never finish hold both slots (a slow client looks exactly like this).
    const slow = [0, 1].map(() => {
      const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/v1/moderations', headers: { 'content-type': 'image/png', 'content-length': dog.length, authorization: `Bearer ${KEYS.free}` } });
      req.on('error', () => undefined);
      req.write(dog.subarray(0, 10));
      return req;
    });
    try {
      await until(() => admission.inFlight === 2, 10000, 'two requests in flight');
      // Before its body is read: the third upload sends 10 bytes of a declared 4 MB and no more, so
      // only an answer that does not wait for the body can arrive.
      const early = await new Promise<{ status: number; retry: string | undefined; body: string }>((resolve, reject) => {
        const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/v1/moderations', headers: { 'content-type': 'image/png', 'content-length': 4 * 1024 * 1024, authorization: `Bearer ${KEYS.free}` } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, retry: res.headers['retry-after'] as string | undefined, body }));
        });
        req.on('error', reject);
        req.write(dog.subarray(0, 10));
        slow.push(req);
        setTimeout(() => reject(new Error('no answer within 10 s: the refusal waited for the body')), 10_000).unref();
      });
      expect(early).toMatchObject({ status: 503, retry: '1' });
      expect(JSON.parse(early.body).code).toBe('overloaded');
      // A large body sent whole: the refusal still reaches the client (the unread upload is discarded, not reset).
      const res = await post('free', Buffer.concat([dog, Buffer.alloc(4 * 1024 * 1024)])).expect(503);
      expect(res.body.code).toBe('overloaded');
      expect(res.headers['retry-after']).toBe('1');
      const metrics = await request(server).get('/metrics').expect(200);
      expect(metrics.text).toMatch(/^http_requests_in_flight 2$/m);
      expect(Number(/^http_requests_shed_total (\d+)$/m.exec(metrics.text)?.[1])).toBeGreaterThanOrEqual(2);
    } finally {
      // Also when an expectation failed: the held slots must not leak into the next tests.
      for (const r of slow) r.destroy();
    }
    await until(() => admission.inFlight === 0, 10000, 'the slots to free up');
    await post('free').expect(200);
  });

  it('a burst beyond the model queue gets fast 503s with Retry-After; every request is answered', async () => {
    const admission = app.get(AdmissionControl) as unknown as { max: number };
    admission.max = 1000;
    // 8 frames each: one request fills the 8-image model queue, so a burst must overflow it.
    const names = ['twemoji-dog-face.png', 'twemoji-pistol.png', 'twemoji-beer.png', 'twemoji-skull.png'];
    const anim = await sharp(Array.from({ length: 8 }, (_, i) => image(names[i % 4])), { join: { animated: true } }).gif().toBuffer();
    try {
      const burst = await Promise.all(
        Array.from({ length: 24 }, async () => {
          const t = performance.now();
          const r = await post('free', anim).set('Content-Type', 'image/gif');
          return { status: r.status, code: r.body.code, retry: r.headers['retry-after'], ms: performance.now() - t };
        }),
      );
      const ok = burst.filter((r) => r.status === 200);
      const shed = burst.filter((r) => r.status === 503);
      expect(ok.length + shed.length).toBe(burst.length);
      expect(ok.length).toBeGreaterThan(0);
      expect(shed.length).toBeGreaterThan(0);
      for (const r of shed) expect(r).toMatchObject({ code: 'overloaded', retry: '1' });
    } finally {
      admission.max = 2;
    }
    // Refused requests withdrew their queued frames; frames still being decoded drop out as they finish.
    await until(() => app.get(ClipService).stats().queueDepth === 0, 10000, 'the model queue to drain');
    await post('free').expect(200);
  });

  it('limits each API key to its own token bucket with 429 rate_limited and Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await post('limited');
      expect(r.status).toBe(200);
      expect(r.headers['ratelimit-remaining']).toBe(String(2 - i));
    }
    const limited = await post('limited').expect(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(90);
    // Another key and the public health routes are not affected.
    await post('free').expect(200);
    await request(server).get('/health/live').expect(200);
  });
});
