import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { bootApp, image } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { bearer, bootReviewApp, KEYS } from './support/review-app';

/** Per-key limits on PostgreSQL live in the database, so N instances together give a key its limit once. */
const suite = databaseKinds().includes('postgres') ? describe : describe.skip;
const BURST = 6;

suite('per-key rate limits across two instances sharing PostgreSQL', () => {
  let db: TestDatabase;
  let apps: INestApplication[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const boot = () =>
      bootApp((c) =>
        db.storage()({
          ...c,
          auth: { keys: Object.values(KEYS) },
          // Refill of one token per 1000 s: within the test the burst is all a key gets.
          reliability: { ...c.reliability, rateLimits: { '*': null, [KEYS.modA.name]: { rate: 0.001, burst: BURST }, [KEYS.admin.name]: { rate: 0.001, burst: BURST } } },
        }),
      );
    apps = [await boot(), await boot()];
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await db?.drop();
  });

  const get = (i: number, key: 'modA' | 'modB' | 'admin') => request(apps[i % 2].getHttpServer()).get('/v1/reviews?limit=1').set(bearer(key));

  it('alternating requests: the two instances together grant the burst, then 429 rate_limited on both', async () => {
    const answers = [];
    for (let i = 0; i < BURST + 4; i++) answers.push(await get(i, 'modA'));
    expect(answers.map((a) => a.status)).toEqual([...Array(BURST).fill(200), 429, 429, 429, 429]);
    expect(answers.slice(0, BURST).map((a) => a.headers['ratelimit-remaining'])).toEqual(Array.from({ length: BURST }, (_, i) => String(BURST - 1 - i)));
    expect(answers[BURST].body.code).toBe('rate_limited');
    expect(Number(answers[BURST].headers['retry-after'])).toBeGreaterThan(900);
    // Another key has its own bucket (here: none).
    await get(0, 'modB').expect(200);
    await get(1, 'modB').expect(200);
  });

  it('concurrent requests on both instances never exceed the limit together', async () => {
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => get(i, 'admin')));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(BURST);
    expect(answers.filter((a) => a.status === 429).map((a) => a.body.code)).toEqual(Array(24 - BURST).fill('rate_limited'));
  });
});

suite('APPEALS_PER_HOUR_PER_KEY across two instances sharing PostgreSQL', () => {
  const PER_HOUR = 3;
  let db: TestDatabase;
  let apps: INestApplication[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    apps = [await bootReviewApp(db, { appealsPerHourPerKey: PER_HOUR }), await bootReviewApp(db, { appealsPerHourPerKey: PER_HOUR })];
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await db?.drop();
  });

  it('concurrent appeals of one key on both instances: exactly the limit is accepted', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await request(apps[i % 2].getHttpServer()).post('/v1/moderations?policies=blocker').set(bearer('ingest')).set('Content-Type', 'image/png').send(image('twemoji-pistol.png')).expect(200);
      ids.push(res.body.id);
    }
    const answers = await Promise.all(ids.map((id, i) => request(apps[i % 2].getHttpServer()).post(`/v1/moderations/${id}/appeals`).set(bearer('ingest')).send({ reason: 'a toy' })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(PER_HOUR);
    expect(answers.filter((a) => a.status === 429).map((a) => a.body.code)).toEqual(Array(10 - PER_HOUR).fill('appeal_rate_limited'));
  });
});
