import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { cookieValue, SESSION_COOKIE } from '../src/common/sessions';
import { Clock } from '../src/storage/clock';
import { UI_CSP } from '../src/ui/ui-http';
import { bootApp } from './helpers/app';
import { createTestDatabase, TestDatabase } from './support/databases';
import { KEYS, REVIEW_POLICIES } from './support/review-app';
import { contractExemptions } from './support/contract';

const TTL_S = 600;

/** Boots the real app with the review keys and the dashboard settings given. */
function boot(db: TestDatabase, ui: Partial<{ enabled: boolean; path: string }> = {}) {
  return bootApp((c) => ({
    ...db.storage()(c),
    auth: { keys: Object.values(KEYS) },
    policies: { ...c.policies, dir: REVIEW_POLICIES },
    ui: { ...c.ui, sessionTtlSeconds: TTL_S, ...ui },
  }));
}

describe('dashboard sessions: sign-in, the session cookie as an API credential, CSRF, expiry', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await boot(db);
    http = app.getHttpServer();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const signIn = (apiKey: string) => request(http).post('/ui/api/session').set('X-Requested-With', 'test').send({ apiKey });
  async function session(key = KEYS.modA.key) {
    const res = await signIn(key).expect(201);
    const id = cookieValue(String(res.headers['set-cookie']).split(/,(?=\s*\w+=)/)[0], SESSION_COOKIE)!;
    return { cookie: `${SESSION_COOKIE}=${id}`, csrf: res.body.csrf_token as string, body: res.body };
  }

  it('signs a moderator in with an HttpOnly, SameSite=Strict, Path=/ cookie and no secret in the answer', async () => {
    const res = await signIn(KEYS.modA.key).expect(201);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/;/);
    expect(cookie).toMatch(new RegExp(`Max-Age=${TTL_S}`));
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here
    expect(res.body).toMatchObject({ name: 'mod-a', roles: ['moderator'], csrf_token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    expect(JSON.stringify(res.body)).not.toContain(KEYS.modA.key);
    expect(res.headers['content-security-policy']).toBe(UI_CSP);
    const https = await signIn(KEYS.modA.key).set('X-Forwarded-Proto', 'https').expect(201);
    expect(String(https.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('refuses ingest keys (403), bad keys (401), a missing X-Requested-With and malformed bodies (400)', async () => {
    expect((await signIn(KEYS.ingest.key).expect(403)).body.code).toBe('forbidden');
    expect((await signIn('not-a-key-0123456789').expect(401)).body.code).toBe('unauthorized');
    expect((await request(http).post('/ui/api/session').send({ apiKey: KEYS.modA.key }).expect(403)).body.code).toBe('csrf_token_invalid');
    const bad = (await request(http).post('/ui/api/session').set('X-Requested-With', 'test').send({ apiKey: 5 }).expect(400)).body;
    expect(bad).toMatchObject({ code: 'invalid_parameter', details: { errors: expect.arrayContaining([expect.objectContaining({ field: 'apiKey', constraint: 'isString' })]) } });
    await request(http).post('/ui/api/session').set('X-Requested-With', 'test').send({ apiKey: KEYS.modA.key, extra: 1 }).expect(400);
  });

  it('the cookie is a credential for /v1 with the roles of its key; writes need the CSRF header', async () => {
    const s = await session();
    expect((await request(http).get('/ui/api/session').set('Cookie', s.cookie).expect(200)).body).toMatchObject({ name: 'mod-a', csrf_token: s.csrf });
    await request(http).get('/v1/reviews').set('Cookie', s.cookie).expect(200);
    expect((await request(http).get('/v1/policy-sets').set('Cookie', s.cookie).expect(403)).body.code).toBe('forbidden');
    // A write without the token is refused before its body is read; with it, it runs.
    expect((await request(http).post('/v1/reviews/next').set('Cookie', s.cookie).send({}).expect(403)).body.code).toBe('csrf_token_invalid');
    expect((await request(http).post('/v1/reviews/next').set('Cookie', s.cookie).set('X-CSRF-Token', 'x'.repeat(32)).send({}).expect(403)).body.code).toBe('csrf_token_invalid');
    await request(http).post('/v1/reviews/next').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).send({}).expect(204);
    // Another session's token does not fit.
    const other = await session(KEYS.modB.key);
    await request(http).post('/v1/reviews/next').set('Cookie', s.cookie).set('X-CSRF-Token', other.csrf).send({}).expect(403);
    // An API key header wins over a cookie (and needs no CSRF token).
    await request(http).post('/v1/reviews/next').set('Cookie', s.cookie).set('Authorization', `Bearer ${KEYS.ingest.key}`).send({}).expect(403);
    const admin = await session(KEYS.policyAdmin.key);
    await request(http).get('/v1/policy-sets').set('Cookie', admin.cookie).expect(200);
    await request(http).get('/v1/reviews').set('Cookie', admin.cookie).expect(403);
  });

  it('sign-out ends the session (CSRF header required); an unknown cookie is a 401', async () => {
    const s = await session();
    expect((await request(http).delete('/ui/api/session').set('Cookie', s.cookie).expect(403)).body.code).toBe('csrf_token_invalid');
    await request(http).get('/v1/reviews').set('Cookie', s.cookie).expect(200);
    const out = await request(http).delete('/ui/api/session').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Expires=Thu, 01 Jan 1970`));
    expect((await request(http).get('/v1/reviews').set('Cookie', s.cookie).expect(401)).body.code).toBe('unauthorized');
    await request(http).get('/ui/api/session').set('Cookie', s.cookie).expect(401);
    await request(http).get('/v1/reviews').set('Cookie', `${SESSION_COOKIE}=forged`).expect(401);
  });

  it('sessions expire UI_SESSION_TTL_SECONDS after sign-in', async () => {
    const s = await session();
    const clock = app.get(Clock);
    clock.advance((TTL_S - 5) * 1000);
    await request(http).get('/v1/reviews').set('Cookie', s.cookie).expect(200);
    clock.advance(10_000);
    await request(http).get('/v1/reviews').set('Cookie', s.cookie).expect(401);
  });

  it('serves the dashboard under UI_PATH with the strict CSP and hashed, long-cached vendor files', async () => {
    await request(http).get('/ui').expect(302).expect('Location', '/ui/');
    const index = await request(http).get('/ui/').expect(200);
    expect(index.headers['content-security-policy']).toBe(UI_CSP);
    expect(index.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(index.text).not.toMatch(/<script(?![^>]*\bsrc=)|\bstyle=/); // nothing inline
    const lib = await request(http).get('/ui/lib.js').expect(200);
    expect(lib.headers['cache-control']).toBe('no-cache');
    const vendor = [...lib.text.matchAll(/from\s*["'](\/ui\/vendor\/[^"']+)["']/g)].map((m) => m[1]);
    expect(vendor).toHaveLength(3);
    for (const v of vendor) {
      const r = await request(http).get(v).expect(200);
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(r.headers['content-type']).toMatch(/^text\/javascript/);
      expect(r.text).not.toMatch(/from\s*"preact"/); // bare specifiers rewritten
    }
    await request(http).get('/ui/lib.js').set('If-None-Match', lib.headers.etag).expect(304);
    await request(http).get('/ui/nope.js').expect(404);
    // The rest of the service keeps helmet's general policy.
    expect((await request(http).get('/health/live')).headers['content-security-policy']).not.toBe(UI_CSP);
  });
});

describe('dashboard settings: UI_PATH moves it, UI_ENABLED=false removes it', () => {
  // The document describes the default mount (/ui); these apps move or remove it on purpose.
  beforeAll(() => contractExemptions.push(/^\/(ui|review-desk)\//));

  it.each([
    [{ path: '/review-desk' }, '/review-desk', '/ui'],
    [{ enabled: false }, null, '/ui'],
  ])('%p', async (ui, served, gone) => {
    const db = await createTestDatabase('sqlite');
    const app = await boot(db, ui);
    try {
      const http = app.getHttpServer();
      await request(http).get(`${gone}/`).expect(404);
      await request(http).post(`${gone}/api/session`).set('X-Requested-With', 't').send({ apiKey: KEYS.modA.key }).expect(404);
      if (served) {
        await request(http).get(`${served}/`).expect(200);
        await request(http).post(`${served}/api/session`).set('X-Requested-With', 't').send({ apiKey: KEYS.modA.key }).expect(201);
      }
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
