import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { image } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { bearer, bootReviewApp } from './support/review-app';

/** Two service instances on one PostgreSQL: the reason PostgreSQL is supported at all. */
const kinds = databaseKinds().filter((k) => k === 'postgres');
const suite = kinds.length ? describe : describe.skip;

suite('two instances sharing PostgreSQL', () => {
  let db: TestDatabase;
  let one: INestApplication;
  let two: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    one = await bootReviewApp(db);
    two = await bootReviewApp(db);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.drop();
  });

  it('concurrent /v1/reviews/next on both instances never hands out an item twice', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await request(i % 2 ? two.getHttpServer() : one.getHttpServer())
        .post('/v1/moderations?policies=flagger')
        .set(bearer('ingest'))
        .set('Content-Type', 'image/png')
        .send(image('twemoji-dog-face.png'))
        .expect(200);
      ids.push(res.body.id);
    }
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) => request((i % 2 ? two : one).getHttpServer()).post('/v1/reviews/next').set(bearer(i % 4 < 2 ? 'modA' : 'modB'))),
    );
    const won = claims.filter((r) => r.status === 200).map((r) => r.body.moderation_id);
    expect(claims.filter((r) => r.status === 204)).toHaveLength(4);
    expect(won.sort()).toEqual([...ids].sort());
  });

  it('search on one instance finds what the other recorded', async () => {
    const res = await request(one.getHttpServer()).post('/v1/moderations?policies=blocker').set(bearer('ingest')).set('Content-Type', 'image/png').send(image('twemoji-pistol.png')).expect(200);
    const found = await request(two.getHttpServer()).get(`/v1/search?q=a%20pistol&decision=block`).set(bearer('modA')).expect(200);
    expect(found.body.items.map((i: { moderation_id: string }) => i.moderation_id)).toContain(res.body.id);
    const near = await request(two.getHttpServer()).get(`/v1/search?similar_to=${res.body.id}`).set(bearer('modA')).expect(200);
    expect(near.body.items.length).toBeGreaterThan(0);
  });

  it("an instance's own later commits do not hide the other's records from its search", async () => {
    const x = (await request(one.getHttpServer()).post('/v1/moderations?policies=blocker').set(bearer('ingest')).set('Content-Type', 'image/png').send(image('twemoji-pistol.png')).expect(200)).body.id;
    // Instance two commits a record of its own over a minute later (past the catch-up window), with no
    // search in between: only the clock (Date) is shifted, timers run as they do.
    jest.useFakeTimers({ now: Date.now() + 61_000, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    let own: string;
    try {
      own = (await request(two.getHttpServer()).post('/v1/moderations?policies=flagger').set(bearer('ingest')).set('Content-Type', 'image/png').send(image('twemoji-dog-face.png')).expect(200)).body.id;
    } finally {
      jest.useRealTimers();
    }
    expect(Date.parse((await request(two.getHttpServer()).get(`/v1/moderations/${own}`).set(bearer('admin')).expect(200)).body.created_at) - Date.now()).toBeGreaterThan(55_000);
    const near = await request(two.getHttpServer()).get(`/v1/search?similar_to=${x}&limit=200`).set(bearer('modA')).expect(200);
    expect(near.body.items.length).toBeGreaterThan(0);
    const found = await request(two.getHttpServer()).get('/v1/search?q=a%20pistol&limit=200').set(bearer('modA')).expect(200);
    expect(found.body.items.map((i: { moderation_id: string }) => i.moderation_id)).toContain(x);
  });
});
