import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { bootApp, image } from './helpers/app';
import { createTestDatabase, TestDatabase } from './support/databases';
import { bearer, bootReviewApp, KEYS } from './support/review-app';

/**
 * Ids the service issues are UUIDs, which are case-insensitive: the same id in upper case names the
 * same record on every route, and a path id that is not a UUID is a 400 isUuid everywhere (it was a
 * 404 on some routes, and an upper-case id was a 404 although the record existed).
 */
describe('issued ids in paths and filters', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;

  beforeAll(async () => {
    app = await bootApp((c) => ({ ...c, auth: { keys: Object.values(KEYS) } }));
    http = app.getHttpServer();
  });
  afterAll(() => app?.close());

  it('finds a moderation, a bank and a webhook by their ids in upper case', async () => {
    const id = (await request(http).post('/v1/moderations').set(bearer('ingest')).set('Content-Type', 'image/png').send(image('twemoji-dog-face.png')).expect(200)).body.id as string;
    expect(id).toBe(id.toLowerCase());
    expect((await request(http).get(`/v1/moderations/${id.toUpperCase()}`).set(bearer('admin')).expect(200)).body.id).toBe(id);
    const similar = (await request(http).get(`/v1/search?similar_to=${id.toUpperCase()}`).set(bearer('admin')).expect(200)).body;
    expect(similar.items).toEqual(expect.any(Array));

    const bank = (await request(http).post('/v1/banks').set(bearer('admin')).send({ name: 'upper-case', action: 'block' }).expect(201)).body.id as string;
    expect((await request(http).get(`/v1/banks/${bank.toUpperCase()}`).set(bearer('admin')).expect(200)).body.id).toBe(bank);

    const hook = (await request(http).post('/v1/webhooks').set(bearer('admin')).send({ url: 'https://example.com/hook' }).expect(201)).body.id as string;
    expect((await request(http).get(`/v1/webhooks/${hook.toUpperCase()}`).set(bearer('admin')).expect(200)).body.id).toBe(hook);
    const deliveries = await request(http).get(`/v1/webhooks/${hook.toUpperCase()}/deliveries`).set(bearer('admin')).expect(200);
    expect(deliveries.body.items).toEqual([]);
  });

  it.each([
    ['GET /v1/moderations/{id}', 'get', '/v1/moderations/not-a-uuid'],
    ['GET /v1/banks/{id}', 'get', '/v1/banks/not-a-uuid'],
    ['GET /v1/webhooks/{id}', 'get', '/v1/webhooks/not-a-uuid'],
    ['GET /v1/reviews/{id}', 'get', '/v1/reviews/not-a-uuid'],
    ['POST /v1/moderations/{id}/appeals', 'post', '/v1/moderations/not-a-uuid/appeals'],
    ['DELETE /v1/webhooks/{id}', 'delete', '/v1/webhooks/not-a-uuid'],
    ['POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', 'post', '/v1/webhooks/6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b/deliveries/nope/redeliver'],
  ] as const)('%s: a path id that is not a UUID is 400 isUuid', async (_name, method, path) => {
    const call = request(http)[method](path).set(bearer('admin'));
    const res = await (path.endsWith('/appeals') ? call.send({ reason: 'a valid body, so that only the id is wrong' }) : call);
    expect([res.status, res.body.code]).toEqual([400, 'invalid_parameter']);
    expect(res.body.details.errors[0]).toEqual(expect.objectContaining({ constraint: 'isUuid' }));
  });
});

describe('issued ids of review items and the moderations they hold', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await bootReviewApp(db);
    http = app.getHttpServer();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('finds a review item, and appeals and previews its moderation, by ids in upper case', async () => {
    const id = (await request(http).post('/v1/moderations?policies=flagger').set(bearer('ingest')).set('Content-Type', 'image/png').send(image('twemoji-dog-face.png')).expect(200)).body.id as string;
    const item = (await request(http).get('/v1/reviews?limit=500').set(bearer('modA')).expect(200)).body.items.find((i: { moderation_id: string }) => i.moderation_id === id);
    expect((await request(http).get(`/v1/reviews/${String(item.id).toUpperCase()}`).set(bearer('modA')).expect(200)).body.id).toBe(item.id);
    await request(http).get(`/v1/moderations/${id.toUpperCase()}/preview`).set(bearer('modA')).expect(200);
    const appeal = await request(http).post(`/v1/moderations/${id.toUpperCase()}/appeals`).set(bearer('ingest')).send({ reason: 'it is a dog' });
    expect(appeal.status).toBe(201);
  });
});
