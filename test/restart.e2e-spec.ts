import request from 'supertest';
import { Storage } from '../src/storage/storage';
import { image } from './helpers/app';
import { createTestDatabase, TestDatabase } from './support/databases';
import { ImageServer } from './support/image-server';
import { bearer, KEYS } from './support/review-app';
import { ServiceProcess, serviceEnv } from './support/service-process';
import { waitFor } from './support/wait';
import { WebhookReceiver } from './support/webhook-receiver';

const DOG = image('twemoji-dog-face.png');

/**
 * A real service process is SIGKILLed after it committed a decision and while it was delivering the
 * event (the receiver holds the request open), running one URL job (the origin holds the fetch open)
 * and holding a second job queued. A new process on the same database delivers the event and finishes
 * both jobs, each exactly once.
 */
describe('crash between commit and delivery (SQLite, real child process, SIGKILL)', () => {
  let db: TestDatabase;
  let rx: WebhookReceiver;
  let origin: ImageServer;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    rx = await new WebhookReceiver().start();
    origin = await new ImageServer({ '/slow.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(DOG) }).start();
  });
  afterAll(async () => {
    await ServiceProcess.killAll(); // also one whose start was in flight when a wait failed
    await rx?.stop();
    await origin?.stop();
    await db?.drop();
  });

  it('delivers the event and finishes the jobs after a restart', async () => {
    const env = serviceEnv(Object.values(KEYS), { DATA_DIR: db.dataDir, JOBS_CONCURRENCY: '1' });
    const a = await ServiceProcess.start('instance-a', env);
    const sub = (await request(a.url).post('/v1/webhooks').set(bearer('admin')).send({ url: rx.url, events: ['moderation.completed'] }).expect(201)).body;
    rx.secrets = [sub.secret];
    rx.respond = (_r, n) => (n === 1 ? 'hang' : 204);
    origin.hang.set('/slow.png', 1);

    // The jobs first, the delivery last: the kill must come while the first attempt is open, well
    // within its timeout (WEBHOOK_TIMEOUT_MS), or instance-a times it out and retries it itself.
    const j1 = (await request(a.url).post('/v1/moderations').set(bearer('ingest')).send({ url: origin.url('/slow.png'), async: true, policies: 'blocker' }).expect(202)).body;
    await waitFor('the job to be fetching', () => origin.count('/slow.png') === 1);
    const j2 = (await request(a.url).post('/v1/moderations?policies=flagger').set(bearer('ingest')).set('Prefer', 'respond-async').set('Content-Type', 'image/png').send(DOG).expect(202)).body;
    expect((await request(a.url).get(`/v1/moderations/${j2.id}`).set(bearer('ingest'))).body.status).toBe('queued');
    const m = (await request(a.url).post('/v1/moderations?policies=flagger').set(bearer('ingest')).set('Content-Type', 'image/png').send(DOG).expect(200)).body;
    await waitFor('the delivery to be in flight', () => rx.received.length === 1, 10_000, 5);
    await a.kill();
    expect(rx.received[0].verified?.data.id).toBe(m.id);

    const b = await ServiceProcess.start('instance-b', env);
    await rx.waitFor('every event', (all) => [m.id, j1.id, j2.id].every((id) => all.some((r, i) => i > 0 && r.verified?.data.id === id)), 20_000);
    // The re-sent event is the same message (same webhook-id): receivers deduplicate on it.
    const copies = rx.received.filter((r) => r.verified?.data.id === m.id);
    expect(copies.length).toBeGreaterThanOrEqual(2);
    expect(new Set(copies.map((c) => c.headers['webhook-id'])).size).toBe(1);
    for (const [job, decision] of [[j1, 'block'], [j2, 'flag']] as const) {
      const done = await waitFor(`job ${job.id}`, async () => {
        const r = (await request(b.url).get(`/v1/moderations/${job.id}`).set(bearer('ingest'))).body;
        return r.status === 'succeeded' && r;
      });
      expect(done.result.decision).toBe(decision);
    }
    expect((await request(b.url).get(`/v1/moderations/${j1.id}`).set(bearer('ingest'))).body.attempts).toBe(2);
    const log = (await request(b.url).get(`/v1/webhooks/${sub.id}/deliveries`).set(bearer('admin')).expect(200)).body.items;
    const first = log.find((d: { event_id: string }) => d.event_id === copies[0].headers['webhook-id']);
    expect(first).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(first.log).toEqual([expect.objectContaining({ attempt: 2, instance: 'instance-b', status_code: 204 })]);

    // Exactly one record and one moderation.completed event per moderation.
    const s = await Storage.open(db.storage()({ storage: {} } as never).storage);
    try {
      const ids = [m.id, j1.id, j2.id];
      expect(await s.db.selectFrom('moderation_records').select('id').where('id', 'in', ids).execute()).toHaveLength(3);
      const events = await (s.db as never as import('kysely').Kysely<{ outbox_events: { type: string; payload: string } }>).selectFrom('outbox_events').select('payload').where('type', '=', 'moderation.completed').execute();
      const per = ids.map((id) => events.filter((e) => JSON.parse(e.payload).data.id === id).length);
      expect(per).toEqual([1, 1, 1]);
    } finally {
      await s.close();
    }
  });
});
