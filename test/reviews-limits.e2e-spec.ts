import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Clock } from '../src/storage/clock';
import { Storage } from '../src/storage/storage';
import { image } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { bearer, bootReviewApp, KeyName } from './support/review-app';

const DOG = image('twemoji-dog-face.png');
const PISTOL = image('twemoji-pistol.png');
const MAX_PER_ITEM = 2;
const PER_HOUR = 4;
const SAMPLE_PER_HOUR = 100;

/** Who may reveal an original, which policies a verdict may name, and how many appeals are accepted. */
describe.each(databaseKinds())('review limits on %s', (kind) => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    app = await bootReviewApp(db, { appealMaxPerItem: MAX_PER_ITEM, appealsPerHourPerKey: SAMPLE_PER_HOUR });
    http = app.getHttpServer();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const as = (k: KeyName) => ({
    get: (url: string) => request(http).get(url).set(bearer(k)),
    post: (url: string, body?: object) => request(http).post(url).set(bearer(k)).send(body ?? {}),
  });
  async function moderate(policies: string, img = DOG) {
    const res = await request(http).post(`/v1/moderations?policies=${policies}`).set(bearer('ingest')).set('Content-Type', 'image/png').send(img).expect(200);
    return res.body as { id: string };
  }
  async function itemOf(moderationId: string) {
    const all = await as('modA').get('/v1/reviews?limit=500').expect(200);
    return all.body.items.find((i: { moderation_id: string }) => i.moderation_id === moderationId);
  }
  const audit = async (q: string) => (await as('admin').get(`/v1/audit?${q}`).expect(200)).body.items as { actor: string; after: Record<string, unknown> }[];
  const appealEvents = async (moderationId: string) => {
    const rows = await app.get(Storage).db.selectFrom('outbox_events').select('payload').where('type', '=', 'appeal.opened').execute();
    return rows.filter((r) => JSON.parse(r.payload).data.moderation_id === moderationId).length;
  };

  describe('reveal', () => {
    it('needs a reason: 400 reveal_reason_required, nothing audited', async () => {
      const item = await itemOf((await moderate('flagger', PISTOL)).id);
      await as('modA').post(`/v1/reviews/${item.id}/claim`).expect(200);
      for (const q of ['reveal=true', 'reveal=true&reason=', 'reveal=true&reason=%20%20']) {
        const res = await as('modA').get(`/v1/reviews/${item.id}/image?${q}`).expect(400);
        expect(res.body).toMatchObject({ code: 'reveal_reason_required', details: { parameter: 'reason' } });
      }
      expect(await audit(`action=image.revealed&entity_id=${item.id}`)).toEqual([]);
    });

    it('a moderator needs the live lease (409 lease_not_held); the holder and an admin reveal, audited with actor and reason', async () => {
      const item = await itemOf((await moderate('flagger', PISTOL)).id);
      const reveal = (k: KeyName, reason: string) => as(k).get(`/v1/reviews/${item.id}/image?reveal=true&reason=${encodeURIComponent(reason)}`).buffer(true);
      expect((await reveal('modB', 'curious').expect(409)).body).toMatchObject({ code: 'lease_not_held', details: { lease_holder: null } });
      await as('modA').post(`/v1/reviews/${item.id}/claim`).expect(200);
      expect((await reveal('modB', 'curious').expect(409)).body).toMatchObject({ code: 'lease_not_held', details: { lease_holder: 'mod-a' } });
      // The blurred preview stays open to every moderator.
      expect((await as('modB').get(`/v1/reviews/${item.id}/image`).expect(200)).headers['x-image-revealed']).toBe('false');
      const byHolder = await reveal('modA', 'is it a toy?').expect(200);
      expect(Buffer.compare(byHolder.body, PISTOL)).toBe(0);
      const byAdmin = await reveal('admin', 'legal hold').expect(200);
      expect(Buffer.compare(byAdmin.body, PISTOL)).toBe(0);
      const entries = await audit(`action=image.revealed&entity_id=${item.id}`);
      expect(entries.map((e) => [e.actor, e.after.reason, e.after.as])).toEqual([
        ['mod-a', 'is it a toy?', 'lease_holder'],
        ['root', 'legal hold', 'admin'],
      ]);
    });

    it('REVIEW_REVEAL_REASON_REQUIRED=false lets a reveal without a reason through, audited with reason null', async () => {
      const relaxed = await bootReviewApp(db, { revealReasonRequired: false });
      try {
        const m = await moderate('flagger', PISTOL);
        const item = await itemOf(m.id);
        const res = await request(relaxed.getHttpServer()).get(`/v1/reviews/${item.id}/image?reveal=true`).set(bearer('admin')).buffer(true).expect(200);
        expect(res.headers['x-image-revealed']).toBe('true');
        expect((await audit(`action=image.revealed&entity_id=${item.id}`)).map((e) => e.after.reason)).toEqual([null]);
      } finally {
        await relaxed.close();
      }
    });
  });

  describe('verdict policies', () => {
    it('a moderator naming a policy that did not fire on the item gets 422 policy_not_fired; nothing is recorded', async () => {
      const m = await moderate('flagger,never');
      const item = await itemOf(m.id);
      await as('modA').post(`/v1/reviews/${item.id}/claim`).expect(200);
      const refused = await as('modA').post(`/v1/reviews/${item.id}/decision`, { verdict: 'overturn', policies: ['flagger', 'never'] }).expect(422);
      expect(refused.body).toMatchObject({ code: 'policy_not_fired', details: { policies: ['never'], fired: ['flagger'] } });
      expect(refused.body.message).toMatch(/never/);
      const detail = (await as('modA').get(`/v1/reviews/${item.id}`).expect(200)).body;
      expect(detail).toMatchObject({ status: 'open', last_verdict: null, lease: { holder: 'mod-a' } });
      expect(detail.history).toEqual([]);
      await as('modA').post(`/v1/reviews/${item.id}/decision`, { verdict: 'overturn', policies: ['flagger'] }).expect(200);
    });

    it('an admin may name a policy scored but not fired (a miss, audited as not_fired), never one not scored', async () => {
      const item = await itemOf((await moderate('flagger,never')).id);
      await as('admin').post(`/v1/reviews/${item.id}/claim`).expect(200);
      const unknown = await as('admin').post(`/v1/reviews/${item.id}/decision`, { verdict: 'uphold', policies: ['blocker'] }).expect(422);
      expect(unknown.body).toMatchObject({ code: 'policy_not_fired', details: { policies: ['blocker'], fired: ['flagger'] } });
      await as('admin').post(`/v1/reviews/${item.id}/decision`, { verdict: 'uphold', policies: ['never'] }).expect(200);
      const entry = (await audit(`action=review.decided&entity_id=${item.id}`))[0];
      expect(entry).toMatchObject({ actor: 'root', after: { verdict: 'uphold', policies: ['never'], not_fired: ['never'] } });
    });
  });

  describe('appeals', () => {
    it('one open appeal per item: a second is 409 appeal_open, resets nothing and emits nothing', async () => {
      const m = await moderate('blocker', PISTOL);
      const first = (await as('ingest').post(`/v1/moderations/${m.id}/appeals`, { reason: 'a water pistol' }).expect(201)).body;
      await as('modA').post(`/v1/reviews/${first.id}/claim`).expect(200);
      const again = await as('ingest').post(`/v1/moderations/${m.id}/appeals`, { reason: 'please hurry' }).expect(409);
      expect(again.body).toMatchObject({ code: 'appeal_open', details: { review_id: first.id } });
      const now = (await as('modA').get(`/v1/reviews/${first.id}`).expect(200)).body;
      expect(now).toMatchObject({ opened_at: first.opened_at, appeal_count: 1, lease: { holder: 'mod-a' } });
      expect(now.history).toHaveLength(1);
      expect(await appealEvents(m.id)).toBe(1);
      // An escalation does not answer the appeal either.
      await as('modA').post(`/v1/reviews/${first.id}/decision`, { verdict: 'escalate' }).expect(200);
      expect((await as('ingest').post(`/v1/moderations/${m.id}/appeals`, { reason: 'still?' }).expect(409)).body.code).toBe('appeal_open');
    });

    it(`at most APPEAL_MAX_PER_ITEM (${MAX_PER_ITEM}) appeals per item: then 409 appeal_limit_reached`, async () => {
      const m = await moderate('blocker', PISTOL);
      const decide = async (id: string) => {
        await as('modA').post(`/v1/reviews/${id}/claim`).expect(200);
        await as('modA').post(`/v1/reviews/${id}/decision`, { verdict: 'uphold' }).expect(200);
      };
      const first = (await as('ingest').post(`/v1/moderations/${m.id}/appeals`, { reason: 'one' }).expect(201)).body;
      await decide(first.id);
      expect((await as('ingest').post(`/v1/moderations/${m.id}/appeals`, { reason: 'two' }).expect(201)).body).toMatchObject({ status: 'open', appeal_count: 2 });
      await decide(first.id);
      const third = await as('ingest').post(`/v1/moderations/${m.id}/appeals`, { reason: 'three' }).expect(409);
      expect(third.body).toMatchObject({ code: 'appeal_limit_reached', details: { appeal_count: 2, limit: MAX_PER_ITEM } });
      expect((await as('modA').get(`/v1/reviews/${first.id}`).expect(200)).body).toMatchObject({ status: 'closed', appeal_count: 2 });
      expect(await appealEvents(m.id)).toBe(2);
    });

    it('an appeal of an item still waiting for its verdict keeps its place in the queue and its lease', async () => {
      const m = await moderate('flagger');
      const item = await itemOf(m.id);
      await as('modB').post(`/v1/reviews/${item.id}/claim`).expect(200);
      const appealed = (await as('ingest').post(`/v1/moderations/${m.id}/appeals`, { reason: 'it is a dog' }).expect(201)).body;
      expect(appealed).toMatchObject({ id: item.id, status: 'open', origin: 'appeal', opened_at: item.opened_at, appeal_count: 1, lease: { holder: 'mod-b' } });
      expect((await as('ingest').post(`/v1/moderations/${m.id}/appeals`, { reason: 'again' }).expect(409)).body.code).toBe('appeal_open');
    });

    it('of concurrent appeals of one closed item exactly one is accepted', async () => {
      const m = await moderate('flagger');
      const item = await itemOf(m.id);
      await as('modA').post(`/v1/reviews/${item.id}/claim`).expect(200);
      await as('modA').post(`/v1/reviews/${item.id}/decision`, { verdict: 'uphold' }).expect(200);
      const keys: KeyName[] = ['ingest', 'modA', 'modB', 'admin'];
      const answers = await Promise.all(keys.map((k) => as(k).post(`/v1/moderations/${m.id}/appeals`, { reason: `from ${k}` })));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
      expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'appeal_open')).toBe(true);
      expect(await appealEvents(m.id)).toBe(1);
    });

    it(`at most APPEALS_PER_HOUR_PER_KEY (${PER_HOUR}) per key in any hour: then 429 appeal_rate_limited with Retry-After`, async () => {
      const limited = await bootReviewApp(db, { appealsPerHourPerKey: PER_HOUR });
      try {
        const h = limited.getHttpServer();
        const appeal = (k: KeyName, id: string, reason: string) => request(h).post(`/v1/moderations/${id}/appeals`).set(bearer(k)).send({ reason });
        const upload = async () => (await request(h).post('/v1/moderations?policies=blocker').set(bearer('ingest2')).set('Content-Type', 'image/png').send(PISTOL).expect(200)).body.id as string;
        const ids: string[] = [];
        for (let i = 0; i < PER_HOUR + 1; i++) ids.push(await upload());
        await appeal('ingest2', '00000000-0000-0000-0000-000000000000', 'unknown').expect(404); // refused before the count: not counted
        for (const id of ids.slice(0, PER_HOUR)) await appeal('ingest2', id, 'a toy').expect(201);
        const over = await appeal('ingest2', ids[PER_HOUR], 'one more').expect(429);
        expect(over.body).toMatchObject({ code: 'appeal_rate_limited', details: { limit: PER_HOUR, window_s: 3600 } });
        expect(Number(over.headers['retry-after'])).toBeGreaterThan(3500);
        expect(await itemOf(ids[PER_HOUR])).toBeUndefined();
        expect(await appealEvents(ids[PER_HOUR])).toBe(0);
        // Another key is not affected; an hour later this one may appeal again.
        await appeal('modA', ids[PER_HOUR], 'second look').expect(201);
        limited.get(Clock).advance(3600_000 + 1000);
        await appeal('ingest2', await upload(), 'an hour later').expect(201);
      } finally {
        await limited.close();
      }
    });
  });
});
