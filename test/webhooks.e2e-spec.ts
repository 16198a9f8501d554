import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { JobsRetention } from '../src/jobs/jobs-retention.service';
import { ReviewEvents } from '../src/reviews/review-events';
import { ReviewsService } from '../src/reviews/reviews.service';
import { Clock } from '../src/storage/clock';
import { Storage } from '../src/storage/storage';
import { OutboxRetention } from '../src/webhooks/outbox-retention.service';
import { WebhookSecrets } from '../src/webhooks/webhook-secrets';
import { image } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { bootIntegrationApp } from './support/integration-app';
import { bearer, KEYS } from './support/review-app';
import { waitFor } from './support/wait';
import { WebhookReceiver } from './support/webhook-receiver';

const DOG = image('twemoji-dog-face.png');

describe.each(databaseKinds())('async moderation and webhooks on %s', (kind) => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    // The disable window is long here; its own test shortens it on one endpoint through failing_since.
    app = await bootIntegrationApp(db, { webhooks: { disableAfterMs: 1500 } });
    http = app.getHttpServer();
  });
  afterAll(async () => {
    await app?.close();
    for (const r of receivers) await r.stop();
    await db?.drop();
  });

  async function receiver(events?: string[]): Promise<{ rx: WebhookReceiver; id: string; secret: string }> {
    const rx = await new WebhookReceiver().start();
    receivers.push(rx);
    const res = await request(http).post('/v1/webhooks').set(bearer('admin')).send({ url: rx.url, ...(events ? { events } : {}) }).expect(201);
    expect(res.body.secret).toMatch(/^whsec_/);
    rx.secrets = [res.body.secret];
    return { rx, id: res.body.id, secret: res.body.secret };
  }
  const moderate = (policy = 'flagger', headers: Record<string, string> = {}) =>
    request(http).post(`/v1/moderations?policies=${policy}`).set(bearer('ingest')).set(headers).set('Content-Type', 'image/png').send(DOG);
  const deliveries = async (id: string) => (await request(http).get(`/v1/webhooks/${id}/deliveries`).set(bearer('admin')).expect(200)).body.items;

  it('delivers moderation.completed signed per Standard Webhooks (verified by the receiver with the library)', async () => {
    const { rx, id, secret } = await receiver(['moderation.completed']);
    const m = (await moderate('flagger', { 'X-Request-Id': 'req-1' }).expect(200)).body;
    await rx.waitFor('the event', (all) => all.some((r) => r.verified?.data.id === m.id));
    const got = rx.received.find((r) => r.verified?.data.id === m.id)!;
    expect(got.verified).toMatchObject({ type: 'moderation.completed', data: { id: m.id, moderation_id: m.id, decision: 'flag', client: 'uploader', policy_set: m.policy_set } });
    expect(got.verified!.data.timings).toBeUndefined();
    expect(got.headers['webhook-id']).toMatch(/^msg_/);
    expect(Math.abs(Number(got.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    // The signature is exactly what the specification says, and a tampered body fails.
    expect(() => new Webhook(secret).verify(got.body.replace('"flag"', '"allow"'), got.headers as Record<string, string>)).toThrow();
    const log = await waitFor('a delivered log entry', async () => (await deliveries(id)).find((d: { status: string }) => d.status === 'delivered'));
    expect(log).toMatchObject({ event_type: 'moderation.completed', attempts: 1, last_status: 204, log: [expect.objectContaining({ attempt: 1, status_code: 204, error: null })] });
    // The delivery names the request that caused it, in its log and as a header of the attempt.
    expect(log.request_id).toBe('req-1');
    expect(got.headers['x-request-id']).toBe('req-1');
  });

  it('every delivery carries the id of the request that caused its event: raw, multipart and JSON uploads, async jobs, review decisions', async () => {
    const { rx, id } = await receiver(['moderation.completed', 'review.decided']);
    const raw = (await moderate('flagger', { 'X-Request-Id': 'rid-raw' }).expect(200)).body;
    const multi = (await request(http).post('/v1/moderations?policies=flagger').set(bearer('ingest')).set('X-Request-Id', 'rid-multipart').attach('image', DOG, 'dog.png').expect(200)).body;
    const json = (await request(http).post('/v1/moderations').set(bearer('ingest')).set('X-Request-Id', 'rid-json').send({ image_base64: DOG.toString('base64'), policies: 'flagger' }).expect(200)).body;
    const job = (await moderate('flagger', { 'X-Request-Id': 'rid-async', Prefer: 'respond-async' }).expect(202)).body;
    const expected = new Map([[raw.id, 'rid-raw'], [multi.id, 'rid-multipart'], [json.id, 'rid-json'], [job.id, 'rid-async']]);
    const byModeration = () => new Map(rx.ofType('moderation.completed').map((r) => [r.verified!.data.id as string, r.headers['x-request-id']]));
    await rx.waitFor('four moderation events', () => [...expected.keys()].every((m) => byModeration().has(m)));
    expect(Object.fromEntries([...expected.keys()].map((m) => [m, byModeration().get(m)]))).toEqual(Object.fromEntries(expected));
    // A review decision's event names the decision's request, not the upload's.
    const items = (await request(http).get('/v1/reviews?limit=500').set(bearer('modA')).expect(200)).body.items;
    const item = items.find((i: { moderation_id: string }) => i.moderation_id === raw.id);
    await request(http).post(`/v1/reviews/${item.id}/claim`).set(bearer('modA')).expect(200);
    await request(http).post(`/v1/reviews/${item.id}/decision`).set(bearer('modA')).set('X-Request-Id', 'rid-verdict').send({ verdict: 'uphold' }).expect(200);
    await rx.waitFor('review.decided', () => rx.ofType('review.decided').some((r) => r.verified!.data.moderation_id === raw.id));
    expect(rx.ofType('review.decided').find((r) => r.verified!.data.moderation_id === raw.id)!.headers['x-request-id']).toBe('rid-verdict');
    // The delivery log says the same.
    const log = await waitFor('five delivered', async () => {
      const d = await deliveries(id);
      return d.filter((x: { status: string }) => x.status === 'delivered').length >= 5 && d;
    });
    expect(log.map((d: { request_id: string }) => d.request_id).sort()).toEqual(['rid-async', 'rid-json', 'rid-multipart', 'rid-raw', 'rid-verdict']);
  });

  it('async: 202 with an id, the job runs in the background, GET shows the result, and the event arrives', async () => {
    const { rx } = await receiver(['moderation.completed']);
    const res = await moderate('blocker', { Prefer: 'respond-async' }).expect(202);
    expect(res.body).toMatchObject({ object: 'moderation', status: 'queued', status_url: `/v1/moderations/${res.body.id}` });
    expect(res.headers.location).toBe(`/v1/moderations/${res.body.id}`);
    const done = await waitFor('job done', async () => {
      const r = (await request(http).get(`/v1/moderations/${res.body.id}`).set(bearer('ingest')).expect(200)).body;
      return r.status === 'succeeded' && r;
    });
    expect(done.result).toMatchObject({ id: res.body.id, decision: 'block' });
    // Timed like a synchronous answer: the total covers decoding, inference and deciding.
    const t = done.result.timings;
    expect(t.total_ms).toBeGreaterThan(0);
    expect(t.total_ms).toBeGreaterThanOrEqual(t.decode_ms + t.inference_ms + t.decide_ms);
    expect(done.attempts).toBe(1);
    await rx.waitFor('event of the job', (all) => all.some((r) => r.verified?.data.id === res.body.id && r.verified?.data.decision === 'block'));
    // JSON with "async": true works the same way; a moderator also reads the job.
    const j = await request(http).post('/v1/moderations').set(bearer('ingest')).send({ image_base64: DOG.toString('base64'), async: true, policies: 'never' }).expect(202);
    const r2 = await waitFor('json job done', async () => {
      const r = (await request(http).get(`/v1/moderations/${j.body.id}`).set(bearer('modA')).expect(200)).body;
      return r.status === 'succeeded' && r;
    });
    expect(r2.result.decision).toBe('allow');
    // One resource, one shape: a synchronous moderation reads with the same fields as an async one.
    const sync = (await moderate('blocker').expect(200)).body;
    const asRecord = (await request(http).get(`/v1/moderations/${sync.id}`).set(bearer('modA')).expect(200)).body;
    const asJob = (await request(http).get(`/v1/moderations/${res.body.id}`).set(bearer('modA')).expect(200)).body;
    expect(Object.keys(asRecord).sort()).toEqual(Object.keys(asJob).sort());
    expect(asRecord).toMatchObject({ id: sync.id, object: 'moderation', status: 'succeeded', recorded: true, decision: 'block', policy_set: sync.policy_set, attempts: null, result: null, error: null });
    expect(asJob).toMatchObject({ id: res.body.id, object: 'moderation', status: 'succeeded', recorded: true, decision: 'block', client: 'uploader', attempts: 1, error: null });
    expect(asJob.policies).toEqual(asJob.result.policies);
    expect(asJob.image).toMatchObject({ sha256: asJob.result.image.sha256, kept: expect.any(Boolean) });
    // The stored record of the async moderation exists under the same id (one record).
    const rows = await app.get(Storage).db.selectFrom('moderation_records').select('id').where('id', '=', res.body.id).execute();
    expect(rows).toHaveLength(1);
    const metrics = (await request(http).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/moderation_jobs_submitted_total [1-9]/);
    expect(metrics).toMatch(/moderation_jobs_finished_total\{outcome="succeeded"\} [1-9]/);
    expect(metrics).toMatch(/moderation_jobs\{status="queued"\} \d/);
    await request(http).post('/v1/moderations?blur=image').set(bearer('ingest')).set('Prefer', 'respond-async').set('Content-Type', 'image/png').send(DOG).expect(400);
    await request(http).get('/v1/moderations/00000000-0000-0000-0000-000000000000').set(bearer('ingest')).expect(403);
  });

  it('an async job that cannot succeed fails with its error and moderation.failed says so', async () => {
    const { rx } = await receiver(['moderation.failed']);
    const res = await request(http).post('/v1/moderations').set(bearer('ingest')).set('Prefer', 'respond-async').set('Content-Type', 'image/png').send(DOG.subarray(0, 200)).expect(202);
    const failed = await waitFor('job failed', async () => {
      const r = (await request(http).get(`/v1/moderations/${res.body.id}`).set(bearer('ingest')).expect(200)).body;
      return r.status === 'failed' && r;
    });
    expect(failed).toMatchObject({ attempts: 1, result: null, error: { code: 'image_undecodable' } });
    await rx.waitFor('moderation.failed', () => rx.ofType('moderation.failed').some((r) => r.verified!.data.moderation_id === res.body.id));
    expect(rx.ofType('moderation.failed')[0].verified!.data).toMatchObject({ client: 'uploader', error: { code: 'image_undecodable' } });
  });

  it('retries a failing endpoint with growing, jittered gaps and logs every attempt', async () => {
    const { rx, id } = await receiver(['moderation.completed']);
    rx.respond = (_r, n) => (n <= 3 ? 500 : 200);
    const m = (await moderate().expect(200)).body;
    await rx.waitFor('the 4th attempt', (all) => all.filter((r) => r.verified?.data.id === m.id).length >= 4);
    const times = rx.received.filter((r) => r.verified?.data.id === m.id).map((r) => r.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // base 50 ms, equal jitter: gap k is in [50*2^(k-1)/2, 50*2^(k-1)] (+ polling slack).
    expect(gaps[0]).toBeGreaterThanOrEqual(25);
    expect(gaps[1]).toBeGreaterThanOrEqual(50);
    expect(gaps[2]).toBeGreaterThanOrEqual(100);
    // Same message id on every attempt: receivers can deduplicate.
    expect(new Set(rx.received.filter((r) => r.verified?.data.id === m.id).map((r) => r.headers['webhook-id'])).size).toBe(1);
    const d = await waitFor('delivered', async () => (await deliveries(id)).find((x: { status: string }) => x.status === 'delivered'));
    expect(d.attempts).toBe(4);
    expect(d.log.map((a: { status_code: number }) => a.status_code)).toEqual([500, 500, 500, 200]);
    const metrics = (await request(http).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/webhook_delivery_retries_total [1-9]/);
    expect(metrics).toMatch(/webhook_delivery_latency_seconds_count [1-9]/);
  });

  it('a receiver that is down gets every event once it is back', async () => {
    const { rx, id } = await receiver(['moderation.completed']);
    await rx.stop();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await moderate().expect(200)).body.id);
    // Wait until the service has actually failed against the closed port, more than once, for each of them.
    await waitFor('failed attempts', async () => {
      const d = await deliveries(id);
      return d.length === 4 && d.every((x: { status: string; attempts: number; last_error: string }) => x.status !== 'delivered' && x.attempts >= 2 && /network/.test(x.last_error ?? ''));
    });
    expect(rx.received).toHaveLength(0);
    await rx.start(); // same port
    await rx.waitFor('all four events', (all) => ids.every((id) => all.some((r) => r.verified?.data.id === id)));
  });

  it('rotating the secret signs with both secrets during the overlap, then only the new one', async () => {
    const { rx, id, secret } = await receiver(['moderation.completed']);
    const rot = (await request(http).post(`/v1/webhooks/${id}/secret/rotate`).set(bearer('admin')).send({ overlap_ms: 60_000 }).expect(200)).body;
    expect(rot.secret).not.toBe(secret);
    const m = (await moderate().expect(200)).body;
    await rx.waitFor('event', (all) => all.some((r) => r.verified?.data.id === m.id));
    const got = rx.received.find((r) => r.verified?.data.id === m.id)!;
    expect(String(got.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const s of [secret, rot.secret]) expect(() => new Webhook(s).verify(got.body, got.headers as Record<string, string>)).not.toThrow();
    // No overlap: the old secret stops verifying at once.
    const rot2 = (await request(http).post(`/v1/webhooks/${id}/secret/rotate`).set(bearer('admin')).send({ overlap_ms: 0 }).expect(200)).body;
    rx.secrets = [rot2.secret];
    const m2 = (await moderate().expect(200)).body;
    await rx.waitFor('event 2', (all) => all.some((r) => r.verified?.data.id === m2.id));
    const got2 = rx.received.find((r) => r.verified?.data.id === m2.id)!;
    expect(() => new Webhook(rot.secret).verify(got2.body, got2.headers as Record<string, string>)).toThrow();
    expect((await request(http).get(`/v1/webhooks/${id}/secret`).set(bearer('admin')).expect(200)).body.secret).toBe(rot2.secret);
  });

  it('manual redelivery sends the same message again', async () => {
    const { rx, id } = await receiver(['moderation.completed']);
    const m = (await moderate().expect(200)).body;
    await rx.waitFor('first', (all) => all.some((r) => r.verified?.data.id === m.id));
    const d = await waitFor('delivered', async () => (await deliveries(id)).find((x: { status: string }) => x.status === 'delivered'));
    await request(http).post(`/v1/webhooks/${id}/deliveries/${d.id}/redeliver`).set(bearer('admin')).expect(202);
    await rx.waitFor('second copy', (all) => all.filter((r) => r.verified?.data.id === m.id).length === 2);
    const copies = rx.received.filter((r) => r.verified?.data.id === m.id);
    expect(copies[1].headers['webhook-id']).toBe(copies[0].headers['webhook-id']);
    await request(http).post(`/v1/webhooks/${id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`).set(bearer('admin')).expect(404);
    expect((await request(http).post(`/v1/webhooks/${id}/deliveries/nope/redeliver`).set(bearer('admin')).expect(400)).body.details.field).toBe('deliveryId');
  });

  it('review.decided, appeal.opened and appeal.decided follow the review workflow', async () => {
    const { rx } = await receiver(['review.decided', 'appeal.opened', 'appeal.decided']);
    const m = (await moderate('flagger').expect(200)).body;
    const items = (await request(http).get('/v1/reviews?limit=500').set(bearer('modA')).expect(200)).body.items;
    const item = items.find((i: { moderation_id: string }) => i.moderation_id === m.id);
    await request(http).post(`/v1/reviews/${item.id}/claim`).set(bearer('modA')).expect(200);
    await request(http).post(`/v1/reviews/${item.id}/decision`).set(bearer('modA')).send({ verdict: 'uphold' }).expect(200);
    await rx.waitFor('review.decided', () => rx.ofType('review.decided').some((r) => r.verified!.data.moderation_id === m.id));
    expect(rx.ofType('appeal.decided')).toHaveLength(0);
    await request(http).post(`/v1/moderations/${m.id}/appeals`).set(bearer('ingest')).send({ reason: 'it is my dog' }).expect(201);
    await rx.waitFor('appeal.opened', () => rx.ofType('appeal.opened').some((r) => r.verified!.data.moderation_id === m.id));
    await request(http).post(`/v1/reviews/${item.id}/claim`).set(bearer('modB')).expect(200);
    await request(http).post(`/v1/reviews/${item.id}/decision`).set(bearer('modB')).send({ verdict: 'overturn', note: 'fine' }).expect(200);
    await rx.waitFor('appeal.decided', () => rx.ofType('appeal.decided').some((r) => r.verified!.data.moderation_id === m.id));
    // Deliveries are concurrent: the overturn's review.decided may arrive after appeal.decided.
    await rx.waitFor('review.decided (overturn)', () => rx.ofType('review.decided').some((r) => r.verified!.data.verdict === 'overturn'));
    const overturn = rx.ofType('review.decided').find((r) => r.verified!.data.verdict === 'overturn')!;
    expect(overturn.verified!.data).toMatchObject({ moderation_id: m.id, review_id: item.id, verdict: 'overturn', moderator: 'mod-b', original_decision: 'flag', note: 'fine' });
    expect(rx.ofType('appeal.opened')[0].verified!.data).toMatchObject({ appellant: 'uploader', reason: 'it is my dog' });
    // The item was opened by the upload: the audit names the uploader's key, not "system".
    const trail = (await request(http).get(`/v1/audit?entity_type=review&entity_id=${item.id}`).set(bearer('admin')).expect(200)).body.items;
    expect(trail.find((e: { action: string }) => e.action === 'review.opened')).toMatchObject({ actor: 'uploader', after: { moderation_id: m.id } });
  });

  it('a verdict whose transaction rolls back sends no review.decided: its event rolls back with it', async () => {
    const { rx } = await receiver(['review.decided']);
    const m = (await moderate('flagger').expect(200)).body;
    const items = (await request(http).get('/v1/reviews?limit=500').set(bearer('modA')).expect(200)).body.items;
    const item = items.find((i: { moderation_id: string }) => i.moderation_id === m.id);
    await request(http).post(`/v1/reviews/${item.id}/claim`).set(bearer('modA')).expect(200);
    const eventsOfItem = async () =>
      (await app.get(Storage).db.selectFrom('outbox_events').select(['type', 'payload']).execute())
        .filter((e) => (JSON.parse(e.payload) as { data: { review_id?: string } }).data.review_id === item.id)
        .map((e) => e.type);
    // The verdict's transaction fails after its events were written (as a later step failing would).
    const events = app.get(ReviewEvents);
    const decided = events.decided.bind(events);
    const spy = jest.spyOn(events, 'decided').mockImplementationOnce(async (...args) => {
      await decided(...args);
      throw new Error('a step after the events failed');
    });
    // Called on the service: over HTTP this is an undocumented 500, which the contract check refuses.
    const failed = app.get(ReviewsService).decide(item.id, { verdict: 'uphold' }, { caller: { name: KEYS.modA.name, roles: KEYS.modA.roles } });
    await expect(failed).rejects.toThrow('a step after the events failed');
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(await eventsOfItem()).toEqual([]);
    expect((await request(http).get(`/v1/reviews/${item.id}`).set(bearer('modA')).expect(200)).body).toMatchObject({ status: 'open', claimed: true, last_verdict: null });
    // The same verdict again commits, and its one event is delivered.
    await request(http).post(`/v1/reviews/${item.id}/decision`).set(bearer('modA')).send({ verdict: 'uphold' }).expect(200);
    expect(await eventsOfItem()).toEqual(['review.decided']);
    await rx.waitFor('review.decided', () => rx.ofType('review.decided').some((r) => r.verified!.data.review_id === item.id));
  });

  it('an endpoint failing for longer than the disable window is disabled, and webhook.disabled says so', async () => {
    const watcher = await receiver(['webhook.disabled']);
    // The failing endpoint wants webhook.disabled too: the event about it goes to the others only.
    const { rx, id } = await receiver(['moderation.completed', 'webhook.disabled']);
    rx.respond = () => 503;
    await moderate().expect(200);
    await watcher.rx.waitFor('webhook.disabled', () => watcher.rx.ofType('webhook.disabled').some((r) => r.verified!.data.webhook_id === id), 15_000);
    const sub = (await request(http).get(`/v1/webhooks/${id}`).set(bearer('admin')).expect(200)).body;
    expect(sub).toMatchObject({ enabled: false });
    expect(sub.disabled_reason).toMatch(/HTTP 503/);
    // Events committed after the auto-disable are held for it, not skipped: each has its delivery row.
    const later: string[] = [];
    for (let i = 0; i < 3; i++) later.push((await moderate().expect(200)).body.id);
    const held = await deliveries(id);
    expect(held.map((d: { event_type: string }) => d.event_type)).toEqual(Array(4).fill('moderation.completed'));
    expect(held.every((d: { status: string; held: boolean }) => d.status === 'pending' && d.held)).toBe(true);
    // Re-enabled, with a healthy endpoint: the one that was failing and the three held ones go out.
    rx.respond = () => 200;
    await request(http).patch(`/v1/webhooks/${id}`).set(bearer('admin')).send({ enabled: true }).expect(200);
    await rx.waitFor('every held event after re-enable', (all) => later.every((m) => all.some((r) => r.verified?.data.id === m && r.verified.type === 'moderation.completed')));
    const after = await waitFor('all delivered', async () => {
      const d = await deliveries(id);
      return d.every((x: { status: string }) => x.status === 'delivered') && d;
    });
    expect(after.every((d: { held: boolean }) => !d.held)).toBe(true);
    expect(rx.ofType('webhook.disabled')).toEqual([]);
    const audit = (await request(http).get(`/v1/audit?entity_type=webhook&entity_id=${id}`).set(bearer('admin')).expect(200)).body.items;
    expect(audit.find((e: { action: string }) => e.action === 'webhook.updated').after).toMatchObject({ enabled: true, released_deliveries: 4 });
  });

  it('a manually disabled endpoint holds every event (visible in its delivery log) and gets them all on re-enable', async () => {
    const { rx, id } = await receiver(['moderation.completed']);
    const witness = await receiver(['moderation.completed']);
    await request(http).patch(`/v1/webhooks/${id}`).set(bearer('admin')).send({ enabled: false }).expect(200);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await moderate().expect(200)).body.id);
    const log = await deliveries(id);
    expect(log).toHaveLength(3);
    expect(log).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'pending', held: true, attempts: 0 })]));
    expect(log.every((d: { held: boolean }) => d.held)).toBe(true);
    // The same events reached an enabled endpoint (the worker ran), while the disabled one got none.
    await witness.rx.waitFor('the enabled endpoint got them', (all) => ids.every((m) => all.some((r) => r.verified?.data.id === m)));
    expect(rx.received).toHaveLength(0);
    await request(http).patch(`/v1/webhooks/${id}`).set(bearer('admin')).send({ enabled: true }).expect(200);
    await rx.waitFor('the three held events', (all) => ids.every((m) => all.some((r) => r.verified?.data.id === m)));
    expect(rx.received).toHaveLength(3);
  });

  it('stores signing secrets encrypted (no plain secret in the raw row), audits every read, and encrypts plain rows left from before', async () => {
    const { rx, id, secret } = await receiver(['moderation.completed']);
    const raw = () => app.get(Storage).db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const body = (s: string) => s.slice('whsec_'.length);
    const row = await raw();
    expect(JSON.stringify(row)).not.toContain(body(secret));
    expect(String(row.secret)).toMatch(/^sb1\./);
    const read = (await request(http).get(`/v1/webhooks/${id}/secret`).set(bearer('admin')).set('X-Request-Id', 'read-1').expect(200)).body;
    expect(read.secret).toBe(secret);
    const rot = (await request(http).post(`/v1/webhooks/${id}/secret/rotate`).set(bearer('admin')).send({ overlap_ms: 60_000 }).expect(200)).body;
    const rotated = await raw();
    for (const s of [secret, rot.secret]) expect(JSON.stringify(rotated)).not.toContain(body(s));
    expect(String(rotated.previous_secret)).toMatch(/^sb1\./);
    const audit = (await request(http).get(`/v1/audit?entity_type=webhook&entity_id=${id}`).set(bearer('admin')).expect(200)).body.items;
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual(['webhook.created', 'webhook.secret_read', 'webhook.secret_rotated']);
    expect(audit.find((e: { action: string }) => e.action === 'webhook.secret_read')).toMatchObject({ actor: 'root', entity_id: id, request_id: 'read-1' });
    for (const s of [secret, rot.secret]) expect(JSON.stringify(audit)).not.toContain(body(s));
    // A row written in plain text before encryption existed: start-up (here, its hook run again) seals it.
    await app.get(Storage).db.updateTable('webhook_subscriptions').set({ secret: secret, previous_secret: null }).where('id', '=', id).execute();
    await app.get(WebhookSecrets).onModuleInit();
    const migrated = await raw();
    expect(String(migrated.secret)).toMatch(/^sb1\./);
    expect(JSON.stringify(migrated)).not.toContain(body(secret));
    rx.secrets = [secret];
    const m = (await moderate().expect(200)).body;
    await rx.waitFor('signed with the migrated secret', (all) => all.some((r) => r.verified?.data.id === m.id));
  });

  // Issue 16: POST accepted {"enabled":"yes"} while PATCH refused "false"; one DTO now judges both.
  it('refuses a non-boolean enabled (and every other mistyped or unknown field) alike on create and patch', async () => {
    const url = 'http://127.0.0.1:1/x';
    const refused = (res: request.Response, field: string, constraint: string) => {
      expect(res.body).toMatchObject({ code: 'invalid_parameter', details: { field } });
      expect(res.body.details.errors).toContainEqual(expect.objectContaining({ field, constraint }));
    };
    for (const bad of [{ enabled: 'yes' }, { enabled: 'false' }, { enabled: 1 }, { enabled: null }]) {
      refused(await request(http).post('/v1/webhooks').set(bearer('admin')).send({ url, ...bad }).expect(400), 'enabled', 'isBoolean');
    }
    expect((await request(http).get('/v1/webhooks').set(bearer('admin')).expect(200)).body.items.filter((s: { url: string }) => s.url === url)).toHaveLength(0);
    const c = (await request(http).post('/v1/webhooks').set(bearer('admin')).send({ url, enabled: false }).expect(201)).body;
    expect(c.enabled).toBe(false);
    for (const [bad, field, constraint] of [
      [{ enabled: 'false' }, 'enabled', 'isBoolean'],
      [{ enabled: 'yes' }, 'enabled', 'isBoolean'],
      [{ url: 5 }, 'url', 'isString'],
      [{ events: 'review.decided' }, 'events', 'isArray'],
      [{ events: ['nope'] }, 'events', 'isIn'],
      [{ description: 7 }, 'description', 'isString'],
      [{ secret: 'whsec_x' }, 'secret', 'whitelistValidation'],
    ] as const) {
      refused(await request(http).patch(`/v1/webhooks/${c.id}`).set(bearer('admin')).send(bad).expect(400), field, constraint);
    }
    refused(await request(http).post('/v1/webhooks').set(bearer('admin')).send({ url, secret: 'whsec_x' }).expect(400), 'secret', 'whitelistValidation');
    refused(await request(http).post('/v1/webhooks').set(bearer('admin')).send({ url: 'ftp://x/' }).expect(400), 'url', 'isUrl');
    // JSON sent as another type is refused for what it is, not read as an empty body ("url is missing").
    const asText = await request(http).post('/v1/webhooks').set(bearer('admin')).set('Content-Type', 'text/plain').send(JSON.stringify({ url })).expect(415);
    expect(asText.body).toMatchObject({ code: 'unsupported_media_type', details: { content_type: 'text/plain', accepted: ['application/json'] } });
    refused(await request(http).post(`/v1/webhooks/${c.id}/secret/rotate`).set(bearer('admin')).send({ overlap_ms: '60000' }).expect(400), 'overlap_ms', 'isInt');
    refused(await request(http).post(`/v1/webhooks/${c.id}/secret/rotate`).set(bearer('admin')).send({ overlap_ms: 31 * 24 * 3600_000 }).expect(400), 'overlap_ms', 'max');
    refused(await request(http).get(`/v1/webhooks/${c.id}/deliveries?limit=0`).set(bearer('admin')).expect(400), 'limit', 'min');
    refused(await request(http).get(`/v1/webhooks/${c.id}/deliveries?limit=ten`).set(bearer('admin')).expect(400), 'limit', 'isInt');
    refused(await request(http).get(`/v1/webhooks/${c.id}/deliveries?status=done`).set(bearer('admin')).expect(400), 'status', 'isIn');
    refused(await request(http).get(`/v1/webhooks/${c.id}/deliveries?before=bm9wZQ`).set(bearer('admin')).expect(400), 'before', 'isCursor');
    refused(await request(http).get(`/v1/webhooks/${c.id}/deliveries?page=2`).set(bearer('admin')).expect(400), 'page', 'whitelistValidation');
    // A rotate without a body takes the default overlap; a patch that names nothing changes nothing.
    expect((await request(http).post(`/v1/webhooks/${c.id}/secret/rotate`).set(bearer('admin')).expect(200)).body.previous_secret_expires_at).toEqual(expect.any(String));
    expect((await request(http).patch(`/v1/webhooks/${c.id}`).set(bearer('admin')).send({}).expect(200)).body).toMatchObject({ enabled: false, url });
    expect((await request(http).get(`/v1/webhooks/${c.id}`).set(bearer('admin')).expect(200)).body.enabled).toBe(false);
    await request(http).delete(`/v1/webhooks/${c.id}`).set(bearer('admin')).expect(204);
  });

  it('validates subscriptions and refuses private addresses that the allowlist does not cover', async () => {
    const refusedAddress = (await request(http).post('/v1/webhooks').set(bearer('admin')).send({ url: 'http://10.0.0.1/hook' }).expect(422)).body;
    // The same code and details.reason as URL intake gives for the address.
    expect(refusedAddress).toMatchObject({ code: 'url_not_allowed', details: { reason: 'address' } });
    expect((await request(http).post('/v1/moderations').set(bearer('admin')).send({ url: 'http://10.0.0.1/hook' }).expect(422)).body).toMatchObject({ code: 'url_not_allowed', details: { reason: 'address' } });
    await request(http).post('/v1/webhooks').set(bearer('admin')).send({ url: 'ftp://x/' }).expect(400);
    await request(http).post('/v1/webhooks').set(bearer('admin')).send({ url: 'http://127.0.0.1:1/x', events: ['nope'] }).expect(400);
    await request(http).post('/v1/webhooks').set(bearer('ingest')).send({ url: 'http://127.0.0.1:1/x' }).expect(403);
    const c = (await request(http).post('/v1/webhooks').set(bearer('admin')).send({ url: 'http://127.0.0.1:1/x', description: 'tmp' }).expect(201)).body;
    const list = (await request(http).get('/v1/webhooks').set(bearer('admin')).expect(200)).body.items;
    expect(list.find((s: { id: string }) => s.id === c.id)).toMatchObject({ description: 'tmp', enabled: true });
    expect(list.find((s: { id: string }) => s.id === c.id).secret).toBeUndefined();
    await request(http).delete(`/v1/webhooks/${c.id}`).set(bearer('admin')).expect(204);
    await request(http).get(`/v1/webhooks/${c.id}`).set(bearer('admin')).expect(404);
  });

  // Last: it moves the service clock forward.
  it('sweeps finished jobs, deliveries and their events after EVENT_RETENTION_MS, never pending ones', async () => {
    const { rx, id } = await receiver(['moderation.completed']);
    const job = (await moderate('flagger', { Prefer: 'respond-async' }).expect(202)).body;
    await rx.waitFor('event', (all) => all.some((r) => r.verified?.data.id === job.id));
    await waitFor('delivered', async () => (await deliveries(id)).some((d: { status: string }) => d.status === 'delivered'));
    await rx.stop(); // the next delivery stays pending
    const pendingOne = (await moderate().expect(200)).body;
    const db2 = app.get(Storage).db;
    await waitFor('a failed attempt', async () => (await deliveries(id)).some((d: { attempts: number; status: string }) => d.status === 'pending' && d.attempts >= 1));
    // Disabled endpoints' deliveries are held, not attempted; a sweep before the retention leaves them.
    await request(http).patch(`/v1/webhooks/${id}`).set(bearer('admin')).send({ enabled: false }).expect(200);
    await waitFor('settled as pending', async () => (await db2.selectFrom('webhook_deliveries').select('status').where('subscription_id', '=', id).execute()).some((d) => d.status === 'pending'));
    app.get(Clock).advance(29 * 24 * 3600_000);
    expect(await app.get(OutboxRetention).sweep()).toMatchObject({ expired: 0 });
    expect(await app.get(JobsRetention).sweep()).toEqual({ jobs: 0 });
    const left = await db2.selectFrom('webhook_deliveries').select(['status', 'event_id']).where('subscription_id', '=', id).execute();
    expect(left.map((d) => d.status).sort()).toEqual(['delivered', 'pending']);
    const heldEvent = left.find((d) => d.status === 'pending')!.event_id;
    const ev = await db2.selectFrom('outbox_events').select('payload').where('id', '=', heldEvent).executeTakeFirstOrThrow();
    expect(JSON.parse(ev.payload).data.id).toBe(pendingOne.id);
    // Past EVENT_RETENTION_MS (30 days): finished rows go, and so does the held delivery (the documented cap).
    app.get(Clock).advance(2 * 24 * 3600_000);
    // Two sweepers since each table has one owner: jobs (src/jobs), events and deliveries (src/webhooks).
    const swept = { ...(await app.get(OutboxRetention).sweep()), ...(await app.get(JobsRetention).sweep()) };
    expect(swept.jobs).toBeGreaterThan(0);
    expect(swept.deliveries).toBeGreaterThan(0);
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    await request(http).get(`/v1/moderations/${job.id}`).set(bearer('modA')).expect(200); // the record itself stays (its own retention)
    expect((await request(http).get(`/v1/moderations/${job.id}`).set(bearer('modA'))).body).toMatchObject({ object: 'moderation', status: 'succeeded', recorded: true, decision: 'flag', attempts: null, result: null });
    expect(await db2.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', id).execute()).toHaveLength(0);
    expect(await db2.selectFrom('outbox_events').select('id').where('id', '=', heldEvent).execute()).toHaveLength(0);
  });
});
