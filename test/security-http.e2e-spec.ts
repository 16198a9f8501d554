import { INestApplication } from '@nestjs/common';
import * as http from 'http';
import { AddressInfo } from 'net';
import request from 'supertest';
import { AdmissionControl } from '../src/common/admission';
import { bootApp, image } from './helpers/app';
import { createTestDatabase, TestDatabase } from './support/databases';
import { waitFor } from './support/wait';

/**
 * Issue 14, items 2, 3 and 10, from outside over a real socket: bodies are read after
 * authentication, unauthenticated requests hold no slot, admission is shared fairly between keys,
 * and every answer carries security headers.
 */
const KEYS = {
  mod: { name: 'mod', key: 'moderator-key-0123456789', roles: ['moderator'] },
  ingest: { name: 'ingest-a', key: 'ingest-a-key-0123456789', roles: ['ingest'] },
  ingestB: { name: 'ingest-b', key: 'ingest-b-key-0123456789', roles: ['ingest'] },
  author: { name: 'author', key: 'policy-admin-key-0123456789', roles: ['policy-admin'] },
};
const auth = (k: keyof typeof KEYS) => ({ authorization: `Bearer ${KEYS[k].key}` });
const MiB = 2 ** 20;

/** `[{},{},...]` of `bytes` bytes: millions of objects once parsed. */
function objectFlood(bytes: number): Buffer {
  return Buffer.from(`[${'{},'.repeat(Math.floor((bytes - 2) / 3) - 1)}{}]`);
}

interface Answer {
  status: number;
  ms: number;
  body: string;
}

/** POSTs over a keep-alive connection; resolves with the answer even while the body is still uploading. */
function post(port: number, path: string, headers: http.OutgoingHttpHeaders, body: Buffer): Promise<Answer> {
  const agent = new http.Agent({ keepAlive: true });
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'content-length': body.length } }, (res) => {
      const ms = performance.now() - t0;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, ms, body: text });
        req.destroy();
        agent.destroy();
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** An upload that sends its headers and a few bytes, then stalls; `answered` resolves with its status. */
function stalledUpload(port: number, headers: http.OutgoingHttpHeaders): { req: http.ClientRequest; answered: Promise<number> } {
  const req = http.request({ host: '127.0.0.1', port, path: '/v1/moderations', method: 'POST', agent: false, headers: { 'content-type': 'image/png', 'content-length': 1024 * 1024, ...headers } });
  req.on('error', () => undefined);
  const answered = new Promise<number>((resolve) => req.on('response', (res) => (res.resume(), resolve(res.statusCode ?? 0))));
  req.write(Buffer.alloc(1024));
  return { req, answered };
}

describe('security: authenticate before reading, admission per key, headers', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let server: http.Server;
  let port: number;
  let admission: AdmissionControl;
  const dog = image('twemoji-dog-face.png');

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await bootApp((c) => ({
      ...db.storage()(c),
      auth: { keys: Object.values(KEYS) },
      reliability: { ...c.reliability, maxInFlight: 4 },
      http: { ...c.http, maxInFlightPerKey: 4, docs: 'key', metrics: 'public' },
    }));
    server = app.getHttpServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    admission = app.get(AdmissionControl);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('item 2: no body byte is parsed before authentication and role checks', () => {
    const flood = objectFlood(27.9e6);

    it('answers 401 to a 27.9 MB [{},{},...] body without a key at once, without parsing it', async () => {
      global.gc?.();
      const before = process.memoryUsage().rss;
      const res = await post(port, '/v1/reviews/next', { 'content-type': 'application/json' }, flood);
      const grown = (process.memoryUsage().rss - before) / MiB;
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).code).toBe('unauthorized');
      // Parsed, this body is seven million objects: seconds and about a gigabyte.
      expect(res.ms).toBeLessThan(1000);
      expect(grown).toBeLessThan(50);
    });

    it('checks the role before parsing too: an ingest key gets 403 on the review queue', async () => {
      const res = await post(port, '/v1/reviews/next', { 'content-type': 'application/json', ...auth('ingest') }, flood);
      expect(res.status).toBe(403);
      expect(res.ms).toBeLessThan(1000);
    });

    it('JSON without images is small: 2 MB to the review queue is 413 even with the right key', async () => {
      const res = await post(port, '/v1/reviews/next', { 'content-type': 'application/json', ...auth('mod') }, Buffer.from(JSON.stringify({ note: 'x'.repeat(2 * MiB) })));
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).code).toBe('payload_too_large');
    });

    it('where base64 images are accepted, arbitrary structure is refused before it is built (400 invalid_json)', async () => {
      global.gc?.();
      const before = process.memoryUsage().rss;
      const res = await post(port, '/v1/moderations', { 'content-type': 'application/json', ...auth('ingest') }, objectFlood(20e6));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'invalid_json', details: { max_values: 100000 } });
      expect((process.memoryUsage().rss - before) / MiB).toBeLessThan(150);
    });

    it('a body nested 200,000 levels deep gets 400 invalid_json, never a 500', async () => {
      const deep = Buffer.from(`{"policies":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
      for (const [path, key] of [['/v1/policies/validate', 'author'], ['/v1/reviews/next', 'mod']] as const) {
        const res = await post(port, path, { 'content-type': 'application/json', ...auth(key) }, deep);
        expect({ path, status: res.status, code: JSON.parse(res.body).code }).toEqual({ path, status: 400, code: 'invalid_json' });
      }
    });

    it('malformed JSON is 400 invalid_json; a base64 image still moderates', async () => {
      const bad = await post(port, '/v1/reviews/next', { 'content-type': 'application/json', ...auth('mod') }, Buffer.from('{"status": '));
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body).code).toBe('invalid_json');
      const ok = await post(port, '/v1/moderations', { 'content-type': 'application/json', ...auth('ingest') }, Buffer.from(JSON.stringify({ image_base64: dog.toString('base64') })));
      expect(ok.status).toBe(200);
    });

    it('multipart bodies too (Multer runs per route, after the guard): 30 MB to /v1/policies/evaluate without a key is 401 at once', async () => {
      const boundary = 'x-boundary';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="samples"; filename="s.tar"\r\nContent-Type: application/x-tar\r\n\r\n`),
        Buffer.alloc(30 * MiB),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await post(port, '/v1/policies/evaluate', { 'content-type': `multipart/form-data; boundary=${boundary}` }, body);
      expect(res.status).toBe(401);
      // Well before the 30 MB could have been read and parsed on a busy machine.
      expect(res.ms).toBeLessThan(2000);
    });

    it('YAML policy documents are read after authentication, and still validate with a key', async () => {
      const yaml = Buffer.from('version: 1\npolicies: []\n');
      expect((await post(port, '/v1/policies/validate', { 'content-type': 'application/yaml' }, yaml)).status).toBe(401);
      const ok = await post(port, '/v1/policies/validate?standalone=true', { 'content-type': 'application/yaml', ...auth('author') }, yaml);
      expect(ok.status).toBe(200);
    });
  });

  describe('item 3: admission after authentication, per key', () => {
    it('unauthenticated stalled uploads hold no in-flight slot', async () => {
      const stalled = Array.from({ length: 8 }, () => stalledUpload(port, {}));
      try {
        expect(await Promise.all(stalled.map((s) => s.answered))).toEqual(Array(8).fill(401));
        expect(admission.inFlight).toBe(0);
        await request(server).post('/v1/moderations').set(auth('ingest')).set('content-type', 'image/png').send(dog).expect(200);
      } finally {
        for (const s of stalled) s.req.destroy();
      }
    });

    it('one key cannot starve another: while key B waits, key A is held to an equal share', async () => {
      const a = Array.from({ length: 4 }, () => stalledUpload(port, auth('ingest')));
      const more: ReturnType<typeof stalledUpload>[] = [];
      try {
        await waitFor('key A to hold every slot', () => admission.inFlight === 4);
        // B asks while A holds all four: refused, but now counted as waiting.
        const refused = await request(server).post('/v1/moderations').set(auth('ingestB')).set('content-type', 'image/png').send(dog);
        expect(refused.status).toBe(503);
        a[0].req.destroy();
        await waitFor('a slot to free up', () => admission.inFlight === 3);
        // A still holds 3 of 4 slots, over its share of 2 while B waits.
        more.push(stalledUpload(port, auth('ingest')));
        expect(await more[0].answered).toBe(503);
        await request(server).post('/v1/moderations').set(auth('ingestB')).set('content-type', 'image/png').send(dog).expect(200);
      } finally {
        for (const s of [...a, ...more]) s.req.destroy();
        await waitFor('the slots to free up', () => admission.inFlight === 0);
      }
    });
  });

  describe('item 10: headers and public surfaces', () => {
    it('answers carry security headers and no X-Powered-By', async () => {
      for (const res of [await request(server).get('/health/live'), await request(server).get('/v1/reviews')]) {
        expect(res.headers['x-powered-by']).toBeUndefined();
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
        expect(res.headers['strict-transport-security']).toBeDefined();
      }
    });

    it('with keys set, /docs, /docs-json and /docs-yaml want a valid key (any role)', async () => {
      for (const path of ['/docs', '/docs-json', '/docs-yaml']) {
        const res = await request(server).get(path);
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 401, code: 'unauthorized' });
      }
      const doc = await request(server).get('/docs-json').set(auth('ingest')).expect(200);
      expect(doc.body.info.title).toBe('clipguard');
      await request(server).get('/docs').set('X-API-Key', KEYS.mod.key).expect(200);
    });

    it('health probes and (by default) /metrics stay public', async () => {
      await request(server).get('/health/live').expect(200);
      await request(server).get('/health/ready').expect(200);
      await request(server).get('/metrics').expect(200);
    });
  });
});

describe('security: surface settings', () => {
  let app: INestApplication;
  afterEach(async () => app?.close());

  it('METRICS_ACCESS=key puts /metrics behind a key; DOCS_ACCESS=public opens the docs despite keys', async () => {
    app = await bootApp((c) => ({ ...c, auth: { keys: [KEYS.mod] }, http: { ...c.http, metrics: 'key', docs: 'public' } }));
    const s = app.getHttpServer();
    expect((await request(s).get('/metrics').expect(401)).body.code).toBe('unauthorized');
    await request(s).get('/metrics').set(auth('mod')).expect(200);
    await request(s).get('/docs-json').expect(200);
    await request(s).get('/health/live').expect(200);
  });

  it('DOCS_ACCESS=off does not mount the docs', async () => {
    app = await bootApp((c) => ({ ...c, auth: { keys: [KEYS.mod] }, http: { ...c.http, docs: 'off' } }));
    await request(app.getHttpServer()).get('/docs-json').set(auth('mod')).expect(404);
  });
});
