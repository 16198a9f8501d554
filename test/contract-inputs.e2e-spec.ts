import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { bootApp, image } from './helpers/app';
import { bearer, KEYS, KeyName } from './support/review-app';

/**
 * Every input of the moderation, embeddings, batch, moderation-read, search and audit routes is a
 * DTO (issue 16): a bad field is answered 400 invalid_parameter naming the field and the failed
 * constraint in details.errors, and a field the route does not know is refused.
 */
describe('validated inputs: moderations, embeddings, batch, search, audit', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  const dog = image('twemoji-dog-face.png');
  const b64 = dog.toString('base64');

  beforeAll(async () => {
    app = await bootApp((c) => ({ ...c, auth: { keys: Object.values(KEYS) } }));
    http = app.getHttpServer();
  });
  afterAll(() => app?.close());

  type Send = (who: KeyName) => request.Test;
  const post = (path: string): Send => (who) => request(http).post(path).set(bearer(who));
  const get = (path: string): Send => (who) => request(http).get(path).set(bearer(who));

  /** [route, key, request, field, constraint] */
  const cases: [string, KeyName, Send, string, string][] = [
    // POST /v1/moderations: query string, JSON body, multipart fields
    ['moderations ?blur', 'ingest', (w) => post('/v1/moderations?blur=sometimes')(w).set('Content-Type', 'image/png').send(dog), 'blur', 'isIn'],
    ['moderations ?async=yes', 'ingest', (w) => post('/v1/moderations?async=yes')(w).set('Content-Type', 'image/png').send(dog), 'async', 'isBoolean'],
    ['moderations ?policies bad id', 'ingest', (w) => post('/v1/moderations?policies=Bad%20Id')(w).set('Content-Type', 'image/png').send(dog), 'policies', 'matches'],
    ['moderations unknown query parameter', 'ingest', (w) => post('/v1/moderations?polices=weapons')(w).set('Content-Type', 'image/png').send(dog), 'polices', 'whitelistValidation'],
    ['moderations JSON external_id too long', 'ingest', (w) => post('/v1/moderations')(w).send({ image_base64: b64, external_id: 'x'.repeat(257) }), 'external_id', 'isLength'],
    ['moderations JSON async as text', 'ingest', (w) => post('/v1/moderations')(w).send({ image_base64: b64, async: 'true' }), 'async', 'isBoolean'],
    ['moderations JSON url not a URL', 'ingest', (w) => post('/v1/moderations')(w).send({ url: 'not a url' }), 'url', 'isAbsoluteUrl'],
    ['moderations JSON image_base64 and url', 'ingest', (w) => post('/v1/moderations')(w).send({ image_base64: b64, url: 'https://example.com/a.png' }), 'image_base64', 'notWith'],
    ['moderations JSON unknown field', 'ingest', (w) => post('/v1/moderations')(w).send({ image_base64: b64, blurr: 'inline' }), 'blurr', 'whitelistValidation'],
    ['moderations multipart field', 'ingest', (w) => post('/v1/moderations')(w).field('blur', 'maybe').attach('image', dog, 'dog.png'), 'blur', 'isIn'],
    ['moderations multipart unknown field', 'ingest', (w) => post('/v1/moderations')(w).field('colour', 'red').attach('image', dog, 'dog.png'), 'colour', 'whitelistValidation'],
    ['moderations unknown policy id (known only to the service)', 'ingest', (w) => post('/v1/moderations?policies=nope')(w).set('Content-Type', 'image/png').send(dog), 'policies', 'knownPolicy'],
    ['moderations async with blur=image', 'ingest', (w) => post('/v1/moderations?blur=image&async=true')(w).set('Content-Type', 'image/png').send(dog), 'blur', 'syncOnly'],
    ['moderations bad Idempotency-Key', 'ingest', (w) => post('/v1/moderations')(w).set('Idempotency-Key', 'x'.repeat(300)).set('Content-Type', 'image/png').send(dog), 'Idempotency-Key', 'matches'],
    // POST /v1/embeddings
    ['embeddings texts empty', 'ingest', (w) => post('/v1/embeddings')(w).send({ texts: [] }), 'texts', 'arrayMinSize'],
    ['embeddings text not a string', 'ingest', (w) => post('/v1/embeddings')(w).send({ texts: [42] }), 'texts', 'isString'],
    ['embeddings text too long', 'ingest', (w) => post('/v1/embeddings')(w).send({ texts: ['x'.repeat(2001)] }), 'texts', 'maxLength'],
    ['embeddings unknown field', 'ingest', (w) => post('/v1/embeddings')(w).send({ text: 'a dog' }), 'text', 'whitelistValidation'],
    ['embeddings multipart unknown field', 'ingest', (w) => post('/v1/embeddings')(w).field('texts', 'a dog').attach('image', dog, 'dog.png'), 'texts', 'whitelistValidation'],
    // POST /v1/moderations/batch
    ['batch items not a list', 'ingest', (w) => post('/v1/moderations/batch')(w).send({ items: 'x' }), 'items', 'isArray'],
    ['batch shared blur=image', 'ingest', (w) => post('/v1/moderations/batch')(w).send({ blur: 'image', items: [{ image_base64: b64 }] }), 'blur', 'isIn'],
    ['batch ?async=1', 'ingest', (w) => post('/v1/moderations/batch?async=1')(w).send({ items: [{ image_base64: b64 }] }), 'async', 'isBoolean'],
    ['batch unknown field', 'ingest', (w) => post('/v1/moderations/batch')(w).send({ item: [{ image_base64: b64 }], items: [] }), 'item', 'whitelistValidation'],
    ['batch multipart field', 'ingest', (w) => post('/v1/moderations/batch')(w).field('external_id', '').attach('images', dog, 'dog.png'), 'external_id', 'isLength'],
    // GET /v1/moderations/{id}
    ['moderation id not a UUID', 'modA', get('/v1/moderations/not-an-id'), 'id', 'isUuid'],
    // GET /v1/search
    ['search neither q nor similar_to', 'modA', get('/v1/search'), 'q', 'isDefined'],
    ['search both q and similar_to', 'modA', get('/v1/search?q=a%20dog&similar_to=5b0c7a55-3f0e-4c55-9d7e-0b7a3f1f2c10'), 'q', 'notWith'],
    ['search limit above 200', 'modA', get('/v1/search?q=a%20dog&limit=201'), 'limit', 'max'],
    ['search limit not a number', 'modA', get('/v1/search?q=a%20dog&limit=ten'), 'limit', 'isInt'],
    ['search decision', 'modA', get('/v1/search?q=a%20dog&decision=flag,maybe'), 'decision', 'isIn'],
    ['search from', 'modA', get('/v1/search?q=a%20dog&from=yesterday'), 'from', 'isTime'],
    ['search from 1e3', 'modA', get('/v1/search?q=a%20dog&from=1e3'), 'from', 'isTime'],
    ['search from after to', 'modA', get('/v1/search?q=a%20dog&from=2026-12-05T00:00:00Z&to=2026-12-01T00:00:00Z'), 'from', 'isBeforeTo'],
    ['search similar_to not a UUID', 'modA', get('/v1/search?similar_to=abc'), 'similar_to', 'isUuid'],
    ['search q given twice', 'modA', get('/v1/search?q=a&q=b'), 'q', 'isString'],
    ['search unknown parameter', 'modA', get('/v1/search?q=a%20dog&sort=asc'), 'sort', 'whitelistValidation'],
    // GET /v1/audit
    ['audit format', 'modA', get('/v1/audit?format=xml'), 'format', 'isIn'],
    ['audit limit 0', 'modA', get('/v1/audit?limit=0'), 'limit', 'min'],
    ['audit cursor', 'modA', get('/v1/audit?cursor=garbage'), 'cursor', 'isCursor'],
    ['audit to', 'modA', get('/v1/audit?to=soon'), 'to', 'isTime'],
    ['audit from after to', 'modA', get('/v1/audit?from=2000&to=1000'), 'from', 'isBeforeTo'],
    ['audit from equal to to', 'modA', get('/v1/audit?from=1000&to=1000'), 'from', 'isBeforeTo'],
    ['audit unknown parameter', 'modA', get('/v1/audit?actr=root'), 'actr', 'whitelistValidation'],
  ];

  it.each(cases)('%s: 400 invalid_parameter naming the field and constraint', async (_name, who, send, field, constraint) => {
    const res = await send(who);
    expect([res.status, res.body.code]).toEqual([400, 'invalid_parameter']);
    expect(res.body.details.errors).toContainEqual(expect.objectContaining({ field, constraint, message: expect.any(String) }));
    expect(res.body.details.field).toBe(res.body.details.errors[0].field);
  });

  it('batch: a bad item gets its own 400 naming the item field; the others are decided', async () => {
    const res = await post('/v1/moderations/batch')('ingest').send({ items: [{ image_base64: b64 }, { image_base64: b64, blur: 'image' }, 5, { image_base64: b64, extra: true }] }).expect(200);
    expect(res.body.items.map((i: { status: number }) => i.status)).toEqual([200, 400, 400, 400]);
    expect(res.body.items[1].error).toMatchObject({ code: 'invalid_parameter', details: { field: 'items[1].blur', errors: [{ field: 'items[1].blur', constraint: 'isIn' }] } });
    expect(res.body.items[2].error).toMatchObject({ code: 'invalid_parameter', details: { field: 'items[2]', errors: [{ field: 'items[2]', constraint: 'isObject' }] } });
    expect(res.body.items[3].error.details.errors).toEqual([expect.objectContaining({ field: 'items[3].extra', constraint: 'whitelistValidation' })]);
  });

  it('accepts what the DTOs describe: comma lists and arrays, true/false, ISO and epoch times, a cursor it gave', async () => {
    const q = await post('/v1/moderations?policies=weapons,%20drugs&blur=inline&async=false&external_id=post-1')('ingest').set('Content-Type', 'image/png').send(dog).expect(200);
    expect(q.body.policies.map((p: { policy_id: string }) => p.policy_id).sort()).toEqual(['drugs', 'weapons']);
    expect(q.body.external_id).toBe('post-1');
    const j = await post('/v1/moderations')('ingest').send({ image_base64: b64, policies: ['weapons'], async: false }).expect(200);
    expect(j.body.policies.map((p: { policy_id: string }) => p.policy_id)).toEqual(['weapons']);
    const m = await post('/v1/moderations')('ingest').field('policies', 'weapons').field('async', 'false').attach('image', dog, 'dog.png').expect(200);
    expect(m.body.policies).toHaveLength(1);
    const page = await get(`/v1/audit?limit=1&from=0&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)('modA').expect(200);
    expect(page.body.items).toHaveLength(1);
    const next = await get(`/v1/audit?limit=1&cursor=${page.body.next_cursor}`)('modA').expect(200);
    expect(next.body.items[0].seq).toBeGreaterThan(page.body.items[0].seq);
    const found = await get('/v1/search?q=a%20dog&decision=allow,flag,blur,block&limit=5')('modA').expect(200);
    expect(found.body.items.length).toBeGreaterThan(0);
    await get(`/v1/moderations/${q.body.id}`)('modA').expect(200);
  });

  it('the OpenAPI document describes these routes from the DTOs: bodies per media type, parameters, response schemas, error codes', async () => {
    const doc = (await request(http).get('/docs-json').set(bearer('admin')).expect(200)).body;
    const op = (path: string, method: string) => doc.paths[path][method];
    const moderate = op('/v1/moderations', 'post');
    expect(Object.keys(moderate.requestBody.content)).toEqual(expect.arrayContaining(['multipart/form-data', 'application/json', 'image/jpeg', 'image/png', 'image/webp', 'application/octet-stream']));
    expect(moderate.requestBody.content['image/png'].schema).toEqual({ type: 'string', format: 'binary' });
    expect(moderate.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/ModerationJsonBodyDto');
    expect(moderate.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['policies', 'blur', 'external_id', 'async', 'Idempotency-Key', 'Prefer']));
    expect(moderate.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/ModerationResponse');
    expect(moderate.responses['202'].headers.Location).toBeDefined();
    expect(moderate.responses['400'].description).toMatch(/invalid_parameter/);
    expect(doc.components.schemas.ModerationJsonBodyDto.properties.blur.enum).toEqual(['none', 'inline', 'always', 'image']);
    expect(op('/v1/embeddings', 'post').requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/EmbeddingsJsonBodyDto');
    expect(op('/v1/moderations/batch', 'post').requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/BatchJsonBodyDto');
    expect(op('/v1/moderations/{id}', 'get').parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', schema: expect.objectContaining({ format: 'uuid' }) })]);
    const search = op('/v1/search', 'get');
    expect(search.parameters.find((p: { name: string }) => p.name === 'limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200 });
    expect(Object.keys(op('/v1/audit', 'get').responses['200'].content)).toEqual(['application/json', 'application/x-ndjson', 'text/csv']);
    for (const [path, method, schema] of [
      ['/v1/moderations/{id}', 'get', 'ModerationViewResponse'],
      ['/v1/moderations/batch', 'post', 'BatchResponse'],
      ['/v1/embeddings', 'post', 'EmbeddingsResponse'],
      ['/v1/search', 'get', 'SearchResponse'],
    ]) {
      expect([path, op(path, method).responses['200'].content['application/json'].schema.$ref]).toEqual([path, `#/components/schemas/${schema}`]);
      expect(op(path, method).summary).toEqual(expect.any(String));
    }
  });
});
