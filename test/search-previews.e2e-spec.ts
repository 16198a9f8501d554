import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { image } from './helpers/app';
import { createTestDatabase, TestDatabase } from './support/databases';
import { bearer, bootReviewApp } from './support/review-app';

const DOG = image('twemoji-dog-face.png');

describe('blurred previews by moderation id, and search by an uploaded image', () => {
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

  const moderate = async (policy: string) =>
    (await request(http).post(`/v1/moderations?policies=${policy}`).set(bearer('ingest')).set('Content-Type', 'image/png').send(DOG).expect(200)).body.id as string;

  it('returns a blurred rendition of a kept image, never the original, without auditing a reveal', async () => {
    const id = await moderate('flagger');
    const res = await request(http).get(`/v1/moderations/${id}/preview`).set(bearer('modA')).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(Buffer.compare(res.body as Buffer, DOG)).not.toBe(0);
    // The same bytes as the review item's blurred preview.
    const item = (await request(http).get('/v1/reviews?limit=500').set(bearer('modA')).expect(200)).body.items.find((i: { moderation_id: string }) => i.moderation_id === id);
    const blurred = await request(http).get(`/v1/reviews/${item.id}/image`).set(bearer('modA')).buffer(true).expect(200);
    expect(Buffer.compare(res.body as Buffer, blurred.body as Buffer)).toBe(0);
    expect((await request(http).get(`/v1/audit?action=image.revealed`).set(bearer('modA')).expect(200)).body.items).toEqual([]);
  });

  it('answers with stable codes: image_not_kept, not_found, invalid_parameter, and the moderator role', async () => {
    const allowed = await moderate('never');
    expect((await request(http).get(`/v1/moderations/${allowed}/preview`).set(bearer('modA')).expect(404)).body.code).toBe('image_not_kept');
    expect((await request(http).get('/v1/moderations/00000000-0000-4000-8000-000000000000/preview').set(bearer('modA')).expect(404)).body.code).toBe('not_found');
    const bad = (await request(http).get('/v1/moderations/nope/preview').set(bearer('modA')).expect(400)).body;
    expect(bad).toMatchObject({ code: 'invalid_parameter', details: { errors: [expect.objectContaining({ field: 'id', constraint: 'isUuid' })] } });
    await request(http).get(`/v1/moderations/${allowed}/preview`).set(bearer('ingest')).expect(403);
    await request(http).get(`/v1/moderations/${allowed}/preview`).expect(401);
  });

  it('POST /v1/search/image: near duplicates of an uploaded image, with stable codes for bad input', async () => {
    const id = await moderate('flagger');
    const hits = (await request(http).post('/v1/search/image?limit=50').set(bearer('modA')).attach('image', DOG, 'dog.png').expect(200)).body;
    expect(hits.items.length).toBeGreaterThan(0);
    expect(hits.items.map((h: { moderation_id: string }) => h.moderation_id)).toContain(id);
    expect(hits.items[0].similarity).toBeGreaterThan(0.99);
    const raw = (await request(http).post('/v1/search/image?decision=blur').set(bearer('modA')).set('Content-Type', 'image/png').send(DOG).expect(200)).body;
    expect(raw.items).toEqual([]); // no blurred records here
    expect((await request(http).post('/v1/search/image').set(bearer('modA')).expect(400)).body.code).toBe('missing_image');
    expect((await request(http).post('/v1/search/image?limit=0').set(bearer('modA')).attach('image', DOG, 'dog.png').expect(400)).body).toMatchObject({ code: 'invalid_parameter', details: { field: 'limit' } });
    expect((await request(http).post('/v1/search/image?decision=maybe').set(bearer('modA')).attach('image', DOG, 'dog.png').expect(400)).body.details.field).toBe('decision');
    expect((await request(http).post('/v1/search/image').set(bearer('modA')).attach('image', Buffer.from('not an image'), 'x.png').expect(415)).body.code).toBe('unsupported_media_type');
    await request(http).post('/v1/search/image').set(bearer('ingest')).attach('image', DOG, 'dog.png').expect(403);
  });

  it('POST /v1/search/image: multipart text fields are the query options, validated, and the document describes the body', async () => {
    await moderate('flagger');
    await moderate('flagger');
    const all = (await request(http).post('/v1/search/image?limit=50').set(bearer('modA')).attach('image', DOG, 'dog.png').expect(200)).body.items;
    expect(all.length).toBeGreaterThan(1);
    // A form field limits like the query parameter, and wins over it.
    expect((await request(http).post('/v1/search/image').set(bearer('modA')).field('limit', '1').attach('image', DOG, 'dog.png').expect(200)).body.items).toHaveLength(1);
    expect((await request(http).post('/v1/search/image?limit=50').set(bearer('modA')).field('limit', '1').attach('image', DOG, 'dog.png').expect(200)).body.items).toHaveLength(1);
    expect((await request(http).post('/v1/search/image').set(bearer('modA')).field('decision', 'blur').attach('image', DOG, 'dog.png').expect(200)).body.items).toEqual([]);
    for (const [name, value, constraint] of [
      ['foo', 'bar', 'whitelistValidation'],
      ['limit', '0', 'min'],
      ['decision', 'maybe', 'isIn'],
      ['policy', 'Not A Policy', 'matches'],
    ]) {
      const res = await request(http).post('/v1/search/image').set(bearer('modA')).field(name, value).attach('image', DOG, 'dog.png');
      expect([res.status, res.body.code]).toEqual([400, 'invalid_parameter']);
      expect(res.body.details.errors).toContainEqual(expect.objectContaining({ field: name, constraint }));
    }
    expect((await request(http).post('/v1/search/image?policy=Not%20A%20Policy').set(bearer('modA')).attach('image', DOG, 'dog.png').expect(400)).body.details.field).toBe('policy');
    const doc = (await request(http).get('/docs-json').set(bearer('modA')).expect(200)).body;
    const content = doc.paths['/v1/search/image'].post.requestBody?.content;
    expect(Object.keys(content ?? {})).toEqual(expect.arrayContaining(['multipart/form-data', 'image/png']));
    const form = JSON.stringify(content['multipart/form-data'].schema);
    const ref = /#\/components\/schemas\/(\w+)/.exec(form)?.[1];
    expect(Object.keys(doc.components.schemas[ref!].properties)).toEqual(expect.arrayContaining(['image', 'limit', 'decision', 'policy']));
  });
});
