import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { image } from './helpers/app';
import { createTestDatabase, TestDatabase } from './support/databases';
import { bearer, bootReviewApp, KeyName } from './support/review-app';

const ID = '00000000-0000-0000-0000-000000000000';

/** Every route of the review API, the roles that may call it, and one role that may not. */
const ROUTES: { method: 'get' | 'post'; url: string; allowed: KeyName[]; denied: KeyName[]; body?: object }[] = [
  { method: 'get', url: '/v1/reviews', allowed: ['modA', 'admin'], denied: ['ingest', 'policyAdmin'] },
  { method: 'get', url: '/v1/reviews/stats', allowed: ['modA', 'admin'], denied: ['ingest', 'policyAdmin'] },
  { method: 'post', url: '/v1/reviews/next', allowed: ['modA', 'admin'], denied: ['ingest', 'policyAdmin'] },
  { method: 'get', url: `/v1/reviews/${ID}`, allowed: ['modA', 'admin'], denied: ['ingest', 'policyAdmin'] },
  { method: 'post', url: `/v1/reviews/${ID}/claim`, allowed: ['modA', 'admin'], denied: ['ingest', 'policyAdmin'] },
  { method: 'post', url: `/v1/reviews/${ID}/release`, allowed: ['modA', 'admin'], denied: ['ingest', 'policyAdmin'] },
  { method: 'post', url: `/v1/reviews/${ID}/decision`, body: { verdict: 'uphold' }, allowed: ['modA', 'admin'], denied: ['ingest', 'policyAdmin'] },
  { method: 'get', url: `/v1/reviews/${ID}/image`, allowed: ['modA', 'admin'], denied: ['ingest', 'policyAdmin'] },
  { method: 'post', url: `/v1/moderations/${ID}/appeals`, body: { reason: 'r' }, allowed: ['ingest', 'modA', 'admin'], denied: ['policyAdmin'] },
  { method: 'get', url: `/v1/moderations/${ID}`, allowed: ['modA', 'admin'], denied: ['ingest', 'policyAdmin'] },
  { method: 'get', url: '/v1/audit', allowed: ['modA', 'admin'], denied: ['ingest', 'policyAdmin'] },
  { method: 'get', url: '/v1/audit?format=csv', allowed: ['modA', 'admin'], denied: ['ingest', 'policyAdmin'] },
  { method: 'get', url: '/v1/search?q=a%20dog', allowed: ['modA', 'admin'], denied: ['ingest', 'policyAdmin'] },
];

describe('review API authentication and roles', () => {
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

  const call = (r: (typeof ROUTES)[number]) => (r.method === 'get' ? request(http).get(r.url) : request(http).post(r.url).send(r.body ?? {}));

  describe.each(ROUTES.map((r) => [`${r.method.toUpperCase()} ${r.url}`, r] as const))('%s', (_name, route) => {
    it('401 without a key, and with a wrong key', async () => {
      expect((await call(route).expect(401)).body.code).toBe('unauthorized');
      expect((await call(route).set('Authorization', 'Bearer not-a-key-0123456789').expect(401)).body.code).toBe('unauthorized');
    });

    it.each(route.denied)('403 for role-less key %s', async (k) => {
      expect((await call(route).set(bearer(k)).expect(403)).body.code).toBe('forbidden');
    });

    it.each(route.allowed)('passes auth for %s', async (k) => {
      const res = await call(route).set(bearer(k));
      expect([200, 201, 204, 404]).toContain(res.status);
    });
  });

  it('the key name is the actor in the audit log', async () => {
    const res = await request(http).post('/v1/moderations?policies=flagger').set(bearer('ingest')).set('Content-Type', 'image/png').send(image('twemoji-dog-face.png')).expect(200);
    const audit = await request(http).get(`/v1/audit?entity_id=${res.body.id}`).set(bearer('modB')).expect(200);
    expect(audit.body.items[0].actor).toBe('uploader');
    expect(JSON.stringify(audit.body)).not.toContain('ingest-key-0123456789');
  });
});
