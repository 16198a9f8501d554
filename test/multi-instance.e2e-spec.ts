import request from 'supertest';
import { Storage } from '../src/storage/storage';
import { image } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { ImageServer } from './support/image-server';
import { bearer, KEYS } from './support/review-app';
import { ServiceProcess, serviceEnv } from './support/service-process';
import { waitFor } from './support/wait';
import { WebhookReceiver } from './support/webhook-receiver';

const DOG = image('twemoji-dog-face.png');
const JOBS = 12;
const hasPostgres = databaseKinds().includes('postgres');

/**
 * Two service processes on one PostgreSQL. Jobs fetch their image from an origin that answers slowly,
 * so both instances always hold jobs in flight; one instance is SIGKILLed mid-flight. The survivor
 * takes the dead instance's jobs over when their leases expire: every job completes exactly once
 * (one record, one moderation.completed event), no job is ever worked on by two instances at the same
 * time, and every event reaches the subscriber.
 */
(hasPostgres ? describe : describe.skip)('two instances on PostgreSQL, one killed mid-flight', () => {
  let db: TestDatabase;
  let rx: WebhookReceiver;
  let origin: ImageServer;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    rx = await new WebhookReceiver().start();
    origin = await new ImageServer({ '/img/*': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(DOG) }).start();
    origin.delayMs = 300;
  });
  afterAll(async () => {
    await ServiceProcess.killAll(); // also one whose start was in flight when a wait failed
    await rx?.stop();
    await origin?.stop();
    await db?.drop();
  });

  // Jest's limit sits above this test's own waits (two service starts, 30 s for the jobs, 20 s for the
  // events), so a slow run fails on the wait that names what is missing rather than on a bare timeout.
  it('every job completes once and every event is delivered', async () => {
    const env = serviceEnv(Object.values(KEYS), { DATABASE_URL: db.databaseUrl!, DATA_DIR: db.dataDir, JOBS_CONCURRENCY: '2', DATABASE_POOL_SIZE: '4' });
    const [a, b] = await Promise.all([ServiceProcess.start('instance-a', env), ServiceProcess.start('instance-b', env)]);
    const sub = (await request(a.url).post('/v1/webhooks').set(bearer('admin')).send({ url: rx.url, events: ['moderation.completed'] }).expect(201)).body;
    rx.secrets = [sub.secret];

    const ids: string[] = [];
    for (let i = 0; i < JOBS; i++) {
      const via = i % 2 ? b : a;
      const res = await request(via.url).post('/v1/moderations').set(bearer('ingest')).send({ url: origin.url(`/img/${i}.png`), async: true, policies: 'flagger' }).expect(202);
      ids.push(res.body.id);
    }
    await waitFor('both instances busy', () => origin.hits.length >= 3);
    await a.kill();

    const done = await waitFor(
      'every job done',
      async () => {
        const all: { status: string; attempts: number; result: { decision: string } }[] = await Promise.all(ids.map(async (id) => (await request(b.url).get(`/v1/moderations/${id}`).set(bearer('ingest')).expect(200)).body));
        return all.every((j) => j.status === 'succeeded') && all;
      },
      30_000,
      100,
    );
    await rx.waitFor('every event', (all) => ids.every((id) => all.some((r) => r.verified?.data.id === id)), 20_000);

    // Taken over: at least one job was claimed by the dead instance and finished by the survivor.
    expect(done.some((j) => j.attempts >= 2)).toBe(true);
    expect(done.every((j) => j.result.decision === 'flag')).toBe(true);
    // Never two instances on one job at once: each image was being fetched at most once at a time.
    for (let i = 0; i < JOBS; i++) expect(origin.maxConcurrent.get(`/img/${i}.png`)).toBe(1);

    const s = await Storage.open({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, databasePoolSize: 2 });
    try {
      expect(await s.db.selectFrom('moderation_records').select('id').where('id', 'in', ids).execute()).toHaveLength(JOBS);
      const events = await s.db.selectFrom('outbox_events').select('payload').where('type', '=', 'moderation.completed').execute();
      expect(ids.map((id) => events.filter((e) => JSON.parse(e.payload).data.id === id).length)).toEqual(ids.map(() => 1));
      const deliveries = await s.db.selectFrom('webhook_deliveries').select(['status']).execute();
      expect(deliveries.map((d) => d.status)).toEqual(ids.map(() => 'delivered'));
    } finally {
      await s.close();
    }
  }, 120_000);
});
