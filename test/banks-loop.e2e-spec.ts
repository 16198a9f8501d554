import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { bootApp, image } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { bootIntegrationApp } from './support/integration-app';
import { bearer, KEYS, REVIEW_POLICIES } from './support/review-app';
import { waitFor } from './support/wait';
import { WebhookReceiver } from './support/webhook-receiver';

const DOG = image('twemoji-dog-face.png');
const BEER = image('twemoji-beer.png');

/** Review -> bank -> re-upload -> block, an appeal that overturns -> the entries go; with the webhook events. */
describe.each(databaseKinds())('the review loop into banks on %s', (kind) => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let rx: WebhookReceiver;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    app = await bootIntegrationApp(db);
    http = app.getHttpServer();
    rx = await new WebhookReceiver().start();
    const sub = await request(http).post('/v1/webhooks').set(bearer('admin')).send({ url: rx.url, events: ['bank.match', 'bank.changed'] }).expect(201);
    rx.secrets = [sub.body.secret];
  });
  afterAll(async () => {
    await app?.close();
    await rx?.stop();
    await db?.drop();
  });

  const moderate = async (policy: string, img = DOG) => (await request(http).post(`/v1/moderations?policies=${policy}`).set(bearer('ingest')).set('Content-Type', 'image/png').send(img).expect(200)).body;

  it('a moderator banks a flagged upload, its re-upload is blocked, and the appeal that overturns the decision removes the entries (audited, with events)', async () => {
    const bank = (await request(http).post('/v1/banks').set(bearer('policyAdmin')).send({ name: 'reviewed', action: 'block' }).expect(201)).body;
    await rx.waitFor('bank.changed (created)', () => rx.ofType('bank.changed').some((r) => r.verified!.data.action === 'bank.created' && r.verified!.data.entity_id === bank.id));

    const first = await moderate('flagger');
    expect(first.decision).toBe('flag');
    const items = (await request(http).get('/v1/reviews?limit=500').set(bearer('modA')).expect(200)).body.items;
    const item = items.find((i: { moderation_id: string }) => i.moderation_id === first.id);
    await request(http).post(`/v1/reviews/${item.id}/claim`).set(bearer('modA')).expect(200);
    await request(http).post(`/v1/reviews/${item.id}/decision`).set(bearer('modA')).send({ verdict: 'uphold' }).expect(200);

    await request(http).post(`/v1/banks/${bank.id}/entries/from-moderation`).set(bearer('ingest')).send({ moderation_id: first.id }).expect(403);
    await request(http).post(`/v1/banks/${bank.id}/entries/from-moderation`).set(bearer('modA')).send({ moderation_id: '00000000-0000-4000-8000-000000000000' }).expect(404);
    await request(http).post(`/v1/banks/${bank.id}/entries/from-moderation`).set(bearer('modA')).send({ moderationId: first.id }).expect(400);
    const banked = (await request(http).post(`/v1/banks/${bank.id}/entries/from-moderation`).set(bearer('modA')).send({ moderation_id: first.id, labels: ['dog'] }).expect(201)).body;
    expect(banked.added.length).toBeGreaterThanOrEqual(1);
    expect(banked.added).toEqual(expect.arrayContaining([expect.objectContaining({ signal_type: 'sha256', signal_value: first.image.sha256, moderation_id: first.id, added_by: 'mod-a', labels: ['dog'], has_embedding: true })]));
    if (first.image.pdq_quality >= 50) expect(banked.added).toEqual(expect.arrayContaining([expect.objectContaining({ signal_type: 'pdq', signal_value: first.image.pdq })]));

    const again = await moderate('never');
    expect(again.decision).toBe('block');
    expect(again.banks[0]).toMatchObject({ bank: 'reviewed', signal: 'sha256', labels: ['dog'] });
    await rx.waitFor('bank.match', () => rx.ofType('bank.match').some((r) => r.verified!.data.moderation_id === again.id));
    expect(rx.ofType('bank.match').find((r) => r.verified!.data.moderation_id === again.id)!.verified!.data).toMatchObject({ decision: 'block', client: 'uploader', banks: [expect.objectContaining({ bank_id: bank.id })] });
    expect((await moderate('never', BEER)).decision).toBe('allow');

    // The uploader appeals the first decision; a second moderator overturns it: the banked entries go.
    await request(http).post(`/v1/moderations/${first.id}/appeals`).set(bearer('ingest')).send({ reason: 'it is my dog' }).expect(201);
    await request(http).post(`/v1/reviews/${item.id}/claim`).set(bearer('modB')).expect(200);
    await request(http).post(`/v1/reviews/${item.id}/decision`).set(bearer('modB')).send({ verdict: 'overturn', note: 'a dog' }).expect(200);
    expect((await request(http).get(`/v1/banks/${bank.id}/entries`).set(bearer('policyAdmin')).expect(200)).body.items).toEqual([]);
    const audit = (await request(http).get('/v1/audit?action=bank_entry.deleted').set(bearer('admin')).expect(200)).body.items;
    expect(audit).toEqual(expect.arrayContaining(banked.added.map((e: { id: number }) => expect.objectContaining({ entity_id: String(e.id), actor: 'mod-b', after: expect.objectContaining({ reason: 'overturned' }) }))));
    expect((await moderate('never')).decision).toBe('allow');
    await rx.waitFor('bank.changed (entry deleted)', () => rx.ofType('bank.changed').some((r) => r.verified!.data.action === 'bank_entry.deleted' && r.verified!.data.actor === 'mod-b'));
  });
});

/** Two instances on one database: what one adds or removes, the other matches within the sync interval. */
describe.each(databaseKinds())('banks across instances on %s', (kind) => {
  let db: TestDatabase;
  let a: INestApplication;
  let b: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const boot = () => bootApp((c) => ({ ...db.storage()(c), auth: { keys: Object.values(KEYS) }, policies: { ...c.policies, dir: REVIEW_POLICIES, syncSeconds: 1 } }));
    a = await boot();
    b = await boot();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it("instance B matches an entry added through instance A, sees A's setting changes, and stops matching once A removes it", async () => {
    const decisionOnB = async () => (await request(b.getHttpServer()).post('/v1/moderations?policies=never').set(bearer('ingest')).set('Content-Type', 'image/png').send(DOG).expect(200)).body.decision;
    expect(await decisionOnB()).toBe('allow');
    const bank = (await request(a.getHttpServer()).post('/v1/banks').set(bearer('policyAdmin')).send({ name: 'shared', action: 'blur' }).expect(201)).body;
    const added = (await request(a.getHttpServer()).post(`/v1/banks/${bank.id}/entries/image`).set(bearer('policyAdmin')).set('Content-Type', 'image/png').send(DOG).expect(201)).body;
    await waitFor('B to blur the banked image', async () => (await decisionOnB()) === 'blur', 15_000, 200);
    await request(a.getHttpServer()).patch(`/v1/banks/${bank.id}`).set(bearer('policyAdmin')).send({ action: 'flag' }).expect(200);
    await waitFor('B to take the new action', async () => (await decisionOnB()) === 'flag', 15_000, 200);
    for (const e of added.added) await request(a.getHttpServer()).delete(`/v1/banks/${bank.id}/entries/${e.id}`).set(bearer('policyAdmin')).expect(200);
    await waitFor('B to stop matching', async () => (await decisionOnB()) === 'allow', 15_000, 200);
  });
});
