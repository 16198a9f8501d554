import { INestApplication } from '@nestjs/common';
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { deflateRawSync } from 'zlib';
import { bootApp, FIXTURES } from './helpers/app';
import { bearer, KEYS } from './support/review-app';

/** A real one-entry zip archive (local header, data, central directory, end record). */
function zipOf(name: string, data: Buffer): Buffer {
  const packed = deflateRawSync(data);
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + packed.length, 16);
  return Buffer.concat([local, n, packed, central, n, end]);
}

// What the README documents about keys, list limits and sample archives (issue 15 item 17).
describe('documented API behaviour: X-API-Key, limit ranges, tar-only sample archives', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  beforeAll(async () => {
    app = await bootApp((c) => ({ ...c, auth: { keys: Object.values(KEYS) } }));
    http = app.getHttpServer();
  });
  afterAll(() => app?.close());

  it('takes the key as X-API-Key as well as Authorization: Bearer (Bearer wins when both are sent)', async () => {
    await request(http).get('/v1/reviews').set('X-API-Key', KEYS.modA.key).expect(200);
    expect((await request(http).get('/v1/reviews').set('X-API-Key', 'not-a-key-0123456789').expect(401)).body.code).toBe('unauthorized');
    await request(http).get('/v1/reviews').set(bearer('modA')).set('X-API-Key', 'not-a-key-0123456789').expect(200);
    expect((await request(http).get('/v1/reviews').set('Authorization', 'Bearer not-a-key-0123456789').set('X-API-Key', KEYS.modA.key).expect(401)).body.code).toBe('unauthorized');
  });

  it('/v1/reviews? limit: up to 500 is answered, one more is a 400 invalid_parameter naming limit', async () => {
    await request(http).get('/v1/reviews?limit=500').set(bearer('admin')).expect(200);
    const r = await request(http).get('/v1/reviews?limit=501').set(bearer('admin')).expect(400);
    expect(r.body).toMatchObject({ code: 'invalid_parameter', details: { field: 'limit', errors: [{ field: 'limit', constraint: 'max' }] } });
  });

  it.each([
    ['/v1/audit?', 1000],
    ['/v1/search?q=a%20pistol&', 200],
  ])('%s limit: up to %p is answered, one more is a 400 invalid_parameter naming limit (DTO)', async (route, max) => {
    await request(http).get(`${route}limit=${max}`).set(bearer('admin')).expect(200);
    const r = await request(http).get(`${route}limit=${max + 1}`).set(bearer('admin')).expect(400);
    expect(r.body).toMatchObject({ code: 'invalid_parameter', details: { field: 'limit', errors: [{ field: 'limit', constraint: 'max' }] } });
  });

  it('a zip of samples is refused with 400 bad_request naming tar', async () => {
    const png = fs.readFileSync(path.join(FIXTURES, 'samples', 'weapons', 'dagger.png'));
    const policy = fs.readFileSync(path.join(__dirname, '..', 'policies', 'default.yaml'));
    const r = await request(http)
      .post('/v1/policies/evaluate')
      .set(bearer('policyAdmin'))
      .attach('policy', policy, 'default.yaml')
      .attach('samples', zipOf('weapons/dagger.png', png), 'samples.zip')
      .expect(400);
    expect(r.body.code).toBe('bad_request');
    expect(r.body.message).toMatch(/send a \.tar or \.tar\.gz/);
  });
});
