import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { bootApp } from './helpers/app';
import { bearer, KEYS } from './support/review-app';

/**
 * A /v1 route that declares no query parameters refuses a query string as a declared DTO refuses an
 * unknown field (docs/api-input.md: "unknown fields are refused, in bodies and query strings alike"),
 * after authentication and before any body is read; routes outside /v1 are left alone.
 */
describe('query strings on routes that declare none', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;

  beforeAll(async () => {
    app = await bootApp((c) => ({ ...c, auth: { keys: Object.values(KEYS) } }));
    http = app.getHttpServer();
  });
  afterAll(() => app?.close());

  it.each([
    ['GET /v1/webhooks', () => request(http).get('/v1/webhooks?foo=1')],
    ['GET /v1/policies', () => request(http).get('/v1/policies?foo=1&bar=2')],
    ['GET /v1/policy-sets/default/versions', () => request(http).get('/v1/policy-sets/default/versions?foo=1')],
    ['POST /v1/webhooks (JSON body)', () => request(http).post('/v1/webhooks?foo=1').send({ url: 'https://example.com/hook' })],
  ])('%s: 400 invalid_parameter naming every parameter, nothing done', async (_name, send) => {
    const res = await send().set(bearer('admin'));
    expect([res.status, res.body.code]).toEqual([400, 'invalid_parameter']);
    expect(res.body.details.field).toBe('foo');
    expect(res.body.details.errors[0]).toEqual({ field: 'foo', constraint: 'whitelistValidation', message: 'property foo should not exist' });
    if (_name.startsWith('GET /v1/policies')) expect(res.body.details.errors.map((e: { field: string }) => e.field)).toEqual(['foo', 'bar']);
    expect((await request(http).get('/v1/webhooks').set(bearer('admin')).expect(200)).body.items).toEqual([]);
  });

  it('answers the same routes without a query string, and authenticates first', async () => {
    await request(http).get('/v1/policies').set(bearer('admin')).expect(200);
    await request(http).get('/v1/policy-sets/default/versions').set(bearer('admin')).expect(200);
    await request(http).get('/v1/webhooks?foo=1').expect(401);
    await request(http).get('/v1/webhooks?foo=1').set(bearer('ingest')).expect(403);
  });

  it('leaves routes with a query DTO to it, and routes outside /v1 alone', async () => {
    const res = await request(http).get('/v1/audit?actr=root').set(bearer('admin')).expect(400);
    expect(res.body.details.errors).toContainEqual(expect.objectContaining({ field: 'actr', constraint: 'whitelistValidation' }));
    await request(http).get('/v1/audit?limit=1').set(bearer('admin')).expect(200);
    await request(http).get('/health/live?probe=1').expect(200);
  });
});
