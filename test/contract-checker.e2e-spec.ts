import { ContractChecker } from './support/contract';

// The checker behind every e2e file's contract check must be able to fail: each kind of drift
// from the document is reported.
const doc = {
  paths: {
    '/v1/things/{id}': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '404': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Err' } } } },
        },
      },
    },
    '/v1/things/special': { get: { responses: { '200': { content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } } } } },
    '/v1/things': { delete: { responses: { '204': { description: 'gone' }, '202': { description: 'queued' } } } },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'note'],
        properties: {
          id: { type: 'string' },
          note: { type: 'string', nullable: true },
          tags: { type: 'object', additionalProperties: { type: 'number' } },
          score: { type: 'number', minimum: 0, exclusiveMinimum: true },
          owner: { nullable: true, allOf: [{ $ref: '#/components/schemas/Owner' }] },
        },
      },
      Owner: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      Err: { type: 'object', required: ['code'], properties: { code: { type: 'string' }, details: { type: 'object', additionalProperties: true } } },
    },
  },
};
const json = 'application/json; charset=utf-8';

describe('ContractChecker', () => {
  const c = new ContractChecker(doc);
  const get = (path: string, status: number, body: unknown, contentType: string | undefined = json) => c.check({ method: 'GET', path, status, contentType, body });

  it('accepts answers the document describes (nullable fields and refs, maps, binary bodies, literal paths before templates)', () => {
    expect(get('/v1/things/a1', 200, { id: 'a1', note: null, tags: { x: 1 }, owner: null })).toEqual([]);
    expect(get('/v1/things/a1', 200, { id: 'a1', note: 'n', owner: { name: 'o' } })).toEqual([]);
    expect(get('/v1/things/a1', 404, { code: 'not_found', details: { any: 'thing' } })).toEqual([]);
    expect(get('/v1/things/special', 200, Buffer.from('png'), 'image/png')).toEqual([]);
    expect(c.check({ method: 'DELETE', path: '/v1/things', status: 204, contentType: undefined, body: {} })).toEqual([]);
  });

  it('reports an undocumented field, a missing required one, a wrong type, a nested extra field', () => {
    expect(get('/v1/things/a1', 200, { id: 'a1', note: null, secret: 1 }).join()).toMatch(/must NOT have additional properties \(secret\)/);
    expect(get('/v1/things/a1', 200, { id: 'a1' }).join()).toMatch(/must have required property 'note'/);
    expect(get('/v1/things/a1', 200, { id: 5, note: null }).join()).toMatch(/\/id must be string/);
    // OpenAPI 3.0's boolean exclusiveMinimum is honoured.
    expect(get('/v1/things/a1', 200, { id: 'a', note: null, score: 0.5 })).toEqual([]);
    expect(get('/v1/things/a1', 200, { id: 'a', note: null, score: 0 }).join()).toMatch(/\/score must be > 0/);
    expect(get('/v1/things/a1', 200, { id: 'a', note: null, owner: { name: 'o', x: 1 } }).join()).toMatch(/additional properties \(x\)/);
  });

  it('reports an undocumented status, content type, method or path', () => {
    expect(get('/v1/things/a1', 409, { code: 'conflict' }).join()).toMatch(/status 409 is not documented/);
    expect(get('/v1/things/special', 200, 'x', 'text/plain').join()).toMatch(/content type text\/plain is not documented/);
    expect(c.check({ method: 'POST', path: '/v1/things/a1', status: 201, contentType: json, body: {} }).join()).toMatch(/POST \/v1\/things\/\{id\} is not in the document/);
    expect(get('/v2/elsewhere', 200, {}).join()).toMatch(/the path is not in the document/);
    expect(c.check({ method: 'DELETE', path: '/v1/things', status: 202, contentType: 'application/json', body: { a: 1 } }).join()).toMatch(/declares no body/);
  });
});
