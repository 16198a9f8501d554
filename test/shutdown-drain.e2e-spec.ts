import { INestApplication } from '@nestjs/common';
import request from 'supertest';
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
 * Closing the application (what SIGTERM does after the HTTP server drained, src/common/graceful-shutdown.ts)
 * while a job runs and a webhook attempt is open: both finish and are written before the database and
 * the model close. Nest runs every module's onModuleDestroy before any onApplicationShutdown, so the
 * workers drain in the first and the database and the model close in the second.
 */
describe.each(databaseKinds())('closing the application with work in flight, on %s', (kind) => {
  let db: TestDatabase;
  let app: INestApplication | undefined;
  const rx = new WebhookReceiver();
  const origin = new ImageServer({ '/slow.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(DOG) });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    app = await bootIntegrationApp(db, { webhooks: { timeoutMs: 60_000 }, jobs: { leaseMs: 60_000 }, fetch: { timeoutMs: 60_000 } });
    await Promise.all([rx.start(), origin.start()]);
  });
  afterAll(async () => {
    await Promise.all([rx.stop(), origin.stop()]);
    await app?.close();
    await db?.drop();
  });

  it('finishes the running job and the open delivery, and writes both, before the database closes', async () => {
    const http = app!.getHttpServer();
    const sub = (await request(http).post('/v1/webhooks').set(bearer('admin')).send({ url: rx.url, events: ['moderation.completed'] }).expect(201)).body;
    rx.secrets = [sub.secret];
    rx.respond = (_r, n) => (n === 1 ? 'hang' : 204);
    origin.hang.set('/slow.png', 1);
    const m = (await request(http).post('/v1/moderations?policies=flagger').set(bearer('ingest')).set('Content-Type', 'image/png').send(DOG).expect(200)).body;
    const job = (await request(http).post('/v1/moderations').set(bearer('ingest')).send({ url: origin.url('/slow.png'), async: true, policies: 'blocker' }).expect(202)).body;
    await waitFor('the attempt to be open and the job to be fetching', () => rx.received.length === 1 && origin.count('/slow.png') === 1);

    const closing = app!.close();
    app = undefined;
    origin.release();
    rx.release(204);
    await closing;

    const s = await Storage.open(db.storage()({ storage: {} } as never).storage);
    try {
      const j = await s.db.selectFrom('moderation_jobs').select(['status', 'attempts', 'locked_by']).where('id', '=', job.id).executeTakeFirstOrThrow();
      expect(j).toEqual({ status: 'succeeded', attempts: 1, locked_by: null });
      expect(await s.db.selectFrom('moderation_records').select('id').where('id', 'in', [m.id, job.id]).execute()).toHaveLength(2);
      const d = await s.db.selectFrom('webhook_deliveries').select(['status', 'attempts']).where('event_id', '=', String(rx.received[0].headers['webhook-id'])).execute();
      expect(d).toEqual([{ status: 'delivered', attempts: 1 }]);
    } finally {
      await s.close();
    }
    expect(rx.received[0].verified?.data.id).toBe(m.id);
  });
});
