import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Clock } from '../src/storage/clock';
import { Storage } from '../src/storage/storage';
import { image } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { ImageServer } from './support/image-server';
import { bootIntegrationApp } from './support/integration-app';
import { bearer } from './support/review-app';
import { waitFor } from './support/wait';
import { WebhookReceiver } from './support/webhook-receiver';

const DOG = image('twemoji-dog-face.png');

/**
 * Work whose lease runs out while the instance holding it is still doing it: here the service clock
 * jumps past the lease; in production a stalled event loop (or a heartbeat that could not run) does
 * the same. The instance must not claim that work again: a second POST of the same event while the
 * first is open, or a second run of the same job, wastes work and counts an attempt that never ends.
 * Other instances still take it over (test/restart.e2e-spec.ts). Timeouts here are long, so only the
 * clock decides the leases.
 */
describe.each(databaseKinds())('work whose lease runs out while this instance is doing it, on %s', (kind) => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  const rx = new WebhookReceiver();
  const other = new WebhookReceiver();
  const origin = new ImageServer({ '/slow.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(DOG) });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    app = await bootIntegrationApp(db, { webhooks: { timeoutMs: 60_000 }, jobs: { leaseMs: 60_000 }, fetch: { timeoutMs: 60_000 } });
    http = app.getHttpServer();
    await Promise.all([rx.start(), other.start(), origin.start()]);
  });
  afterAll(async () => {
    // First the servers holding requests open, so the app's shutdown does not wait for them.
    await Promise.all([rx.stop(), origin.stop()]);
    await app?.close();
    await other.stop();
    await db?.drop();
  });

  const moderate = (headers: Record<string, string> = {}) => request(http).post('/v1/moderations?policies=flagger').set(bearer('ingest')).set(headers).set('Content-Type', 'image/png').send(DOG);
  const subscribe = async (r: WebhookReceiver) => {
    r.secrets = [(await request(http).post('/v1/webhooks').set(bearer('admin')).send({ url: r.url, events: ['moderation.completed'] }).expect(201)).body.secret];
  };

  it('a webhook delivery is not claimed again (no second POST while the first is open)', async () => {
    await subscribe(rx);
    await subscribe(other);
    rx.respond = (_r, n) => (n === 1 ? 'hang' : 204);
    const m = (await moderate().expect(200)).body;
    await rx.waitFor('the first attempt to be open', (all) => all.length === 1);

    app.get(Clock).advance(60_000 + 5_000 + 1); // past the delivery lease (timeout + margin)
    // The next claim (this commit kicks it) sees the open delivery as expired.
    const m2 = (await moderate().expect(200)).body;
    await other.waitFor('the second event', (all) => all.some((r) => r.verified?.data.id === m2.id));
    await rx.waitFor('the second event', (all) => all.some((r) => r.verified?.data.id === m2.id));

    const rows = await app
      .get(Storage)
      .db.selectFrom('webhook_deliveries')
      .select(['attempts', 'status'])
      .where('event_id', '=', String(rx.received[0].headers['webhook-id']))
      .where('subscription_id', 'in', (eb) => eb.selectFrom('webhook_subscriptions').select('id').where('url', '=', rx.url))
      .execute();
    expect(rows).toEqual([{ attempts: 1, status: 'delivering' }]);
    expect(rx.received.filter((r) => r.verified?.data.id === m.id)).toHaveLength(1);
  });

  it('a running job is not claimed again (no second fetch, no second run)', async () => {
    origin.hang.set('/slow.png', 1);
    const j1 = (await request(http).post('/v1/moderations').set(bearer('ingest')).send({ url: origin.url('/slow.png'), async: true, policies: 'blocker' }).expect(202)).body;
    await waitFor('the job to be fetching', () => origin.count('/slow.png') === 1);

    app.get(Clock).advance(60_000 + 1); // past the job lease; the heartbeat (every lease/3) has not run since
    // The next claim (this submission kicks it) sees the running job as expired.
    const j2 = (await moderate({ Prefer: 'respond-async' }).expect(202)).body;
    await waitFor('the second job', async () => (await request(http).get(`/v1/moderations/${j2.id}`).set(bearer('ingest'))).body.status === 'succeeded');

    const r1 = (await request(http).get(`/v1/moderations/${j1.id}`).set(bearer('ingest')).expect(200)).body;
    expect(r1).toMatchObject({ status: 'running', attempts: 1 });
    expect(origin.count('/slow.png')).toBe(1);
  });
});
