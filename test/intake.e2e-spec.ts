import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Storage } from '../src/storage/storage';
import { image } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { ImageServer } from './support/image-server';
import { bootIntegrationApp } from './support/integration-app';
import { bearer } from './support/review-app';
import { waitFor } from './support/wait';

const DOG = image('twemoji-dog-face.png');
const PISTOL = image('twemoji-pistol.png');

describe.each(databaseKinds())('idempotency and batch on %s', (kind) => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let origin: ImageServer;

  beforeAll(async () => {
    origin = await new ImageServer({ '/dog.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(DOG) }).start();
    db = await createTestDatabase(kind);
    app = await bootIntegrationApp(db, { batch: { maxItems: 4 } });
    http = app.getHttpServer();
  });
  afterAll(async () => {
    await app?.close();
    await origin?.stop();
    await db?.drop();
  });

  const records = async () => Number((await app.get(Storage).db.selectFrom('moderation_records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const post = (key: string | null, img: Buffer, q = 'policies=flagger', who: 'ingest' | 'admin' = 'ingest') => {
    const r = request(http).post(`/v1/moderations?${q}`).set(bearer(who)).set('Content-Type', 'image/png');
    if (key) r.set('Idempotency-Key', key);
    return r.send(img);
  };

  it('same key and body: the first answer again, no second record', async () => {
    const before = await records();
    const a = await post('k-1', DOG).expect(200);
    const b = await post('k-1', DOG).expect(200);
    expect(b.body).toEqual(a.body);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(a.headers['idempotent-replayed']).toBeUndefined();
    expect(await records()).toBe(before + 1);
    // Without a key every call is new.
    await post(null, DOG).expect(200);
    await post(null, DOG).expect(200);
    expect(await records()).toBe(before + 3);
  });

  it('same key, different body (or options): 422 idempotency_key_reused, nothing created', async () => {
    await post('k-2', DOG).expect(200);
    const before = await records();
    expect((await post('k-2', PISTOL).expect(422)).body).toMatchObject({ code: 'idempotency_key_reused', details: { idempotency_key: 'k-2' } });
    expect((await post('k-2', DOG, 'policies=blocker').expect(422)).body.code).toBe('idempotency_key_reused');
    expect(await records()).toBe(before);
  });

  it('keys are per API key; concurrent retries produce one decision; client errors are replayed; bad keys refused', async () => {
    const mine = await post('shared', DOG).expect(200);
    const theirs = await post('shared', DOG, 'policies=flagger', 'admin').expect(200);
    expect(theirs.body.id).not.toBe(mine.body.id);
    const before = await records();
    const racing = await Promise.all([post('race', DOG), post('race', DOG), post('race', DOG)]);
    const ok = racing.filter((r) => r.status === 200);
    expect(racing.every((r) => r.status === 200 || (r.status === 409 && r.body.code === 'idempotency_key_in_use'))).toBe(true);
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    expect(await records()).toBe(before + 1);
    const bad = Buffer.from('not an image at all');
    const e1 = await post('bad', bad).expect(415);
    const e2 = await post('bad', bad).expect(415);
    expect(e2.body.code).toBe(e1.body.code);
    expect(e2.headers['idempotent-replayed']).toBe('true');
    // The replayed error has the one error shape, with the id of the request that got it.
    expect(e2.body.requestId).toBe(e2.headers['x-request-id']);
    expect(e2.body.requestId).not.toBe(e1.body.requestId);
    expect((await post('x'.repeat(300), DOG).expect(400)).body.code).toBe('invalid_parameter');
  });

  it('async with a key: the same 202 and job id, one job', async () => {
    const a = await post('k-async', DOG, 'policies=flagger&async=true').expect(202);
    const b = await post('k-async', DOG, 'policies=flagger&async=true').expect(202);
    expect(b.body.id).toBe(a.body.id);
    const jobs = await app.get(Storage).db.selectFrom('moderation_jobs').select('id').execute();
    expect(jobs.filter((j) => j.id === a.body.id)).toHaveLength(1);
    await waitFor('job done', async () => (await request(http).get(`/v1/moderations/${a.body.id}`).set(bearer('ingest'))).body.status === 'succeeded');
  });

  it('a job whose instances keep dying while running it is failed, not retried forever', async () => {
    const db = app.get(Storage).db;
    const id = '00000000-0000-4000-8000-00000000dead';
    await db.insertInto('moderation_jobs').values({ id, status: 'running', client: 'uploader', request_id: null, batch_id: null, input: DOG, url: null, options: JSON.stringify({ blur: 'none', policies: ['flagger'] }), attempts: 3, run_after: 0, locked_by: 'dead-instance', locked_until: 1, created_at: Date.now(), started_at: 1, finished_at: null, result: null, error: null }).execute();
    const j = await waitFor('poison job failed', async () => {
      const r = (await request(http).get(`/v1/moderations/${id}`).set(bearer('ingest'))).body;
      return r.status === 'failed' && r;
    });
    expect(j).toMatchObject({ attempts: 4, error: { code: 'internal_error', details: { attempts: 3 } } });
  });

  it('batch: one bad item does not fail the others (multipart)', async () => {
    const res = await request(http)
      .post('/v1/moderations/batch?policies=blocker')
      .set(bearer('ingest'))
      .attach('images', DOG, 'a.png')
      .attach('images', Buffer.from('garbage'), 'b.png')
      .attach('images', PISTOL, 'c.png')
      .expect(200);
    expect(res.body).toMatchObject({ object: 'moderation_batch', async: false, summary: { items: 3, succeeded: 2, failed: 1 } });
    expect(res.body.items.map((i: { status: number }) => i.status)).toEqual([200, 415, 200]);
    expect(res.body.items[0].result).toMatchObject({ decision: 'block' });
    expect(res.body.items[1].error.code).toBe('unsupported_media_type');
  });

  it('batch: JSON items from base64 and URLs, per-item errors, per-item options', async () => {
    const res = await request(http)
      .post('/v1/moderations/batch')
      .set(bearer('ingest'))
      .send({ policies: 'flagger', items: [{ image_base64: DOG.toString('base64') }, { url: origin.url('/dog.png'), policies: 'blocker' }, { image_base64: '!!!' }, { url: origin.url('/missing.png') }] })
      .expect(200);
    expect(res.body.items.map((i: { status: number }) => i.status)).toEqual([200, 200, 400, 422]);
    expect(res.body.items[0].result.decision).toBe('flag');
    expect(res.body.items[1].result.decision).toBe('block');
    expect(res.body.items[3].error).toMatchObject({ code: 'url_fetch_failed', details: { reason: 'status', status: 404 } });
  });

  it('batch: async queues the good items (202) and reports the bad one; too many items is 413', async () => {
    const res = await request(http)
      .post('/v1/moderations/batch')
      .set(bearer('ingest'))
      .set('Idempotency-Key', 'batch-1')
      .send({ async: true, items: [{ image_base64: DOG.toString('base64') }, { foo: 1 }, { url: origin.url('/dog.png') }] })
      .expect(202);
    expect(res.body.items.map((i: { status: number }) => i.status)).toEqual([202, 400, 202]);
    const again = await request(http).post('/v1/moderations/batch').set(bearer('ingest')).set('Idempotency-Key', 'batch-1').send({ async: true, items: [{ image_base64: DOG.toString('base64') }, { foo: 1 }, { url: origin.url('/dog.png') }] }).expect(202);
    expect(again.body).toEqual(res.body);
    for (const id of [res.body.items[0].id, res.body.items[2].id]) {
      const done = await waitFor(`job ${id}`, async () => {
        const j = (await request(http).get(`/v1/moderations/${id}`).set(bearer('ingest'))).body;
        return j.status === 'succeeded' && j;
      });
      expect(done.batch_id).toBe(res.body.id);
    }
    const five = { items: Array.from({ length: 5 }, () => ({ image_base64: DOG.toString('base64') })) };
    expect((await request(http).post('/v1/moderations/batch').set(bearer('ingest')).send(five).expect(413)).body).toMatchObject({ code: 'too_many_items', details: { limit: 4 } });
  });

  it('batch: a multipart body over BATCH_MAX_ITEMS files is 413 too_many_items, as JSON is; up to the limit is decided', async () => {
    const files = (n: number) => {
      const r = request(http).post('/v1/moderations/batch?policies=flagger').set(bearer('ingest'));
      for (let i = 0; i < n; i++) r.attach('images', DOG, `${i}.png`);
      return r;
    };
    const before = await records();
    for (const n of [5, 17]) {
      const res = await files(n).expect(413);
      // Reading stops at the first file over the limit, so how many there were is not known: items is null.
      expect([n, res.body.code, res.body.details]).toEqual([n, 'too_many_items', { limit: 4, items: null }]);
    }
    expect(await records()).toBe(before); // nothing of a refused batch was moderated
    const four = await files(4).expect(200);
    expect(four.body.summary).toMatchObject({ items: 4, succeeded: 4, failed: 0 });
  });
});
