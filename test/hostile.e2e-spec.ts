import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ERROR_STATUS } from '../src/common/app-error';
import { buildCorpus, HostileCase } from './fixtures/hostile/corpus';
import { bootApp, image } from './helpers/app';
import { createTestDatabase, TestDatabase } from './support/databases';

/** Sends one case the way a client would: raw body, multipart upload or JSON base64. */
export function send(http: ReturnType<INestApplication['getHttpServer']>, c: Pick<HostileCase, 'data' | 'transport' | 'contentType' | 'filename'>) {
  const req = request(http).post('/v1/moderations');
  if (c.transport === 'raw') return req.set('Content-Type', c.contentType).send(c.data);
  if (c.transport === 'multipart') return req.attach('image', c.data, { filename: c.filename, contentType: c.contentType });
  return req.send({ image_base64: c.data.toString('base64') });
}

describe('hostile corpus: every file gets a 4xx with a stable code, in bounded time and memory', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let corpus: HostileCase[];
  let db: TestDatabase;
  const results = new Map<string, { status: number; code: string; ms: number }>();
  let rssBefore = 0;
  let rssPeak = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    corpus = await buildCorpus();
    // eslint-disable-next-line no-console
    console.log(`hostile corpus: ${corpus.length} files generated in ${Math.round(performance.now() - t0)} ms`);
    db = await createTestDatabase('sqlite');
    app = await bootApp((c) => db.storage()({ ...c, media: { ...c.media, maxBytes: 2 * 1024 * 1024 } }));
    http = app.getHttpServer();
    await request(http).post('/v1/moderations').set('Content-Type', 'image/png').send(image('twemoji-dog-face.png')).expect(200);
    rssBefore = process.memoryUsage().rss;
    rssPeak = rssBefore;
    // Four at a time: like a real client mix, and it keeps the run short on two cores.
    let next = 0;
    const lane = async () => {
      while (next < corpus.length) {
        const c = corpus[next++];
        const t = performance.now();
        const res = await send(http, c);
        results.set(c.name, { status: res.status, code: res.body?.code, ms: performance.now() - t });
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('has at least 200 files covering every category', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const cats = new Set(corpus.map((c) => c.category));
    for (const c of ['truncated', 'corrupt', 'empty', 'foreign', 'polyglot', 'flood', 'progressive', 'frames', 'svg', 'oversize']) expect(cats).toContain(c);
    for (const f of ['jpeg', 'png', 'gif', 'webp', 'avif', 'heif', 'tiff']) expect(corpus.some((c) => c.category === 'truncated' && c.name.includes(f))).toBe(true);
  });

  it('answers every file with its expected 4xx code', () => {
    const wrong = corpus
      .map((c) => ({ name: c.name, want: c.codes, got: results.get(c.name) }))
      .filter((r) => !r.got || !r.want.includes(r.got.code) || r.got.status !== ERROR_STATUS[r.got.code as keyof typeof ERROR_STATUS]);
    expect(wrong).toEqual([]);
    for (const r of results.values()) {
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
  });

  it('answers each within a bounded time and keeps memory bounded', () => {
    const slowest = [...results.entries()].sort((a, b) => b[1].ms - a[1].ms)[0];
    // eslint-disable-next-line no-console
    console.log(`slowest: ${slowest[0]} ${Math.round(slowest[1].ms)} ms; rss ${Math.round(rssBefore / 2 ** 20)} -> peak ${Math.round(rssPeak / 2 ** 20)} MiB`);
    expect(slowest[1].ms).toBeLessThan(5000);
    expect(rssPeak - rssBefore).toBeLessThan(400 * 2 ** 20);
  });

  it('stays alive and keeps moderating afterwards', async () => {
    await request(http).get('/health/live').expect(200);
    await request(http).get('/health/ready').expect(200);
    const res = await request(http).post('/v1/moderations').set('Content-Type', 'image/png').send(image('twemoji-pistol.png')).expect(200);
    expect(res.body.decision).toBeDefined();
  });
});
