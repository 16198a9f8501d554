import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { image } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { bearer, bootReviewApp, KeyName } from './support/review-app';

const FIGURE = image('clip-figure.png');
const PDQ_A = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const MD5_A = 'd41d8cd98f00b204e9800998ecf8427e';

describe.each(databaseKinds())('banks API on %s', (kind) => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    app = await bootReviewApp(db);
    http = app.getHttpServer();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const as = (k: KeyName) => ({
    get: (url: string) => request(http).get(url).set(bearer(k)),
    post: (url: string, body?: object) => request(http).post(url).set(bearer(k)).send(body ?? {}),
    patch: (url: string, body: object) => request(http).patch(url).set(bearer(k)).send(body),
    delete: (url: string) => request(http).delete(url).set(bearer(k)),
  });
  const audit = async (action: string, entityId?: string) =>
    (await as('admin').get(`/v1/audit?action=${action}${entityId ? `&entity_id=${entityId}` : ''}`).expect(200)).body.items as { actor: string; before: unknown; after: unknown }[];

  it('creates banks with the documented defaults, lists, reads, changes and soft-deletes them, audited; refuses bad input and other roles', async () => {
    const created = (await as('policyAdmin').post('/v1/banks', { name: 'known-bad', action: 'block' }).expect(201)).body;
    expect(created).toMatchObject({ name: 'known-bad', action: 'block', distance_threshold: 31, min_quality: 50, mode: 'enforce', enabled: true, dihedral: false, embedding_threshold: 0.93, entries: 0 });
    expect((await as('admin').get(`/v1/banks/${created.id}`).expect(200)).body).toEqual(created);
    expect((await as('policyAdmin').get('/v1/banks').expect(200)).body.items.map((b: { name: string }) => b.name)).toContain('known-bad');

    const bad = (await as('policyAdmin').post('/v1/banks', { name: 'x,y', action: 'ban', distance_threshold: 300, extra: 1 }).expect(400)).body;
    expect(bad.code).toBe('invalid_parameter');
    expect(bad.details.errors.map((e: { field: string }) => e.field).sort()).toEqual(['action', 'distance_threshold', 'extra', 'name']);
    await as('policyAdmin').post('/v1/banks', { name: 'known-bad', action: 'flag' }).expect(409);
    await as('modA').post('/v1/banks', { name: 'mods-bank', action: 'flag' }).expect(403);
    await as('ingest').get('/v1/banks').expect(403);
    await as('policyAdmin').get('/v1/banks/not-a-uuid').expect(400);
    await as('policyAdmin').get('/v1/banks/00000000-0000-4000-8000-000000000000').expect(404);

    const patched = (await as('policyAdmin').patch(`/v1/banks/${created.id}`, { mode: 'shadow', distance_threshold: 20, dihedral: true, embedding_threshold: 0.93 }).expect(200)).body;
    expect(patched).toMatchObject({ mode: 'shadow', distance_threshold: 20, dihedral: true, embedding_threshold: 0.93, action: 'block' });
    expect((await audit('bank.updated', created.id))[0]).toMatchObject({ actor: 'policy-admin', before: expect.objectContaining({ mode: 'enforce' }), after: expect.objectContaining({ mode: 'shadow' }) });
    await as('policyAdmin').patch(`/v1/banks/${created.id}`, { embedding_threshold: 2 }).expect(400);

    await as('policyAdmin').post(`/v1/banks/${created.id}/entries`, { signal_type: 'md5', signal_value: MD5_A }).expect(201);
    const del = (await as('policyAdmin').delete(`/v1/banks/${created.id}`).expect(200)).body;
    expect(del).toEqual({ id: created.id, name: 'known-bad', entries_deleted: 1 });
    await as('policyAdmin').get(`/v1/banks/${created.id}`).expect(404);
    expect((await audit('bank.deleted', created.id))[0]).toMatchObject({ before: expect.objectContaining({ name: 'known-bad', entries: 1 }) });
    // The name is free again.
    await as('policyAdmin').post('/v1/banks', { name: 'known-bad', action: 'flag' }).expect(201);
  });

  it('adds entries by value and by image, pages them, soft-deletes one (audited), and refuses bad values', async () => {
    const bank = (await as('policyAdmin').post('/v1/banks', { name: 'entries', action: 'flag' }).expect(201)).body;
    const one = (await as('policyAdmin').post(`/v1/banks/${bank.id}/entries`, { signal_type: 'PDQ', signal_value: PDQ_A.toUpperCase(), labels: ['spam', 'scam'], source: 'hand' }).expect(201)).body;
    expect(one.added).toEqual([expect.objectContaining({ signal_type: 'pdq', signal_value: PDQ_A, labels: ['spam', 'scam'], source: 'hand', added_by: 'policy-admin', deleted_at: null, has_embedding: false })]);
    const again = (await as('policyAdmin').post(`/v1/banks/${bank.id}/entries`, { signal_type: 'pdq', signal_value: PDQ_A }).expect(201)).body;
    expect(again).toMatchObject({ added: [], existing: [expect.objectContaining({ id: one.added[0].id })] });
    const wrong = (await as('policyAdmin').post(`/v1/banks/${bank.id}/entries`, { signal_type: 'md5', signal_value: PDQ_A }).expect(400)).body;
    expect(wrong.code).toBe('invalid_parameter');
    await as('policyAdmin').post(`/v1/banks/${bank.id}/entries`, { signal_type: 'crc32', signal_value: 'zz', labels: ['a,b'] }).expect(400);

    const img = (await request(http).post(`/v1/banks/${bank.id}/entries/image?labels=figure`).set(bearer('policyAdmin')).set('Content-Type', 'image/png').send(FIGURE).expect(201)).body;
    expect(img.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(img.pdq_quality).toBeGreaterThanOrEqual(50);
    expect(img.added.map((e: { signal_type: string }) => e.signal_type)).toEqual(['pdq', 'sha256']);
    expect(img.added.every((e: { has_embedding: boolean; labels: string[] }) => e.has_embedding && e.labels[0] === 'figure')).toBe(true);
    await request(http).post(`/v1/banks/${bank.id}/entries/image`).set(bearer('policyAdmin')).set('Content-Type', 'image/png').send(Buffer.from('not a png')).expect(415);

    const p1 = (await as('policyAdmin').get(`/v1/banks/${bank.id}/entries?limit=2`).expect(200)).body;
    expect(p1.items).toHaveLength(2);
    const p2 = (await as('policyAdmin').get(`/v1/banks/${bank.id}/entries?limit=2&after=${p1.next_after}`).expect(200)).body;
    expect(p2).toMatchObject({ items: [expect.objectContaining({ signal_type: 'sha256' })], next_after: null });
    await as('policyAdmin').get(`/v1/banks/${bank.id}/entries?limit=0`).expect(400);

    const removed = (await as('policyAdmin').delete(`/v1/banks/${bank.id}/entries/${one.added[0].id}`).expect(200)).body;
    expect(removed.deleted_at).not.toBeNull();
    await as('policyAdmin').delete(`/v1/banks/${bank.id}/entries/${one.added[0].id}`).expect(404);
    expect((await as('policyAdmin').get(`/v1/banks/${bank.id}`).expect(200)).body.entries).toBe(2);
    expect((await audit('bank_entry.deleted', String(one.added[0].id)))[0]).toMatchObject({ actor: 'policy-admin', before: expect.objectContaining({ signal_value: PDQ_A }), after: expect.objectContaining({ reason: 'deleted' }) });
  });

  it('imports CSV and JSON lines (all or nothing, or ?partial=true), skips values held, and exports a file that imports back', async () => {
    const bank = (await as('policyAdmin').post('/v1/banks', { name: 'imported', action: 'blur' }).expect(201)).body;
    const csv = `signal_type,signal_value,bank,labels\npdq,${PDQ_A},imported,"spam,scam"\nmd5,${MD5_A},,\n`;
    const send = (body: string, type: string, q = '') => request(http).post(`/v1/banks/${bank.id}/import${q}`).set(bearer('policyAdmin')).set('Content-Type', type).send(body);
    expect((await send(csv, 'text/csv').expect(200)).body).toEqual({ records: 2, inserted: 2, skipped: 0, errors: [], errors_truncated: false });
    expect((await send(csv, 'text/csv').expect(200)).body).toMatchObject({ records: 2, inserted: 0, skipped: 2 });
    const sha = 'ab'.repeat(32);
    const jsonl = `{"signal_type":"sha256","signal_value":"${sha}","labels":["x"]}\n{"signal_type":"pdq","signal_value":"12"}\n`;
    const refused = (await send(jsonl, 'application/x-ndjson').expect(400)).body;
    expect(refused.details.errors).toEqual([expect.objectContaining({ field: 'line 2: signal_value' })]);
    await send(jsonl, 'application/x-ndjson', '?partial=false').expect(400);
    expect((await send(jsonl, 'application/x-ndjson', '?partial=maybe').expect(400)).body.details.errors[0].field).toBe('partial');
    expect((await send(jsonl, 'application/x-ndjson', '?partial=true').expect(200)).body).toMatchObject({ records: 1, inserted: 1, errors: [expect.objectContaining({ line: 2 })] });
    await send('whatever', 'text/plain').expect(400);
    const audited = await audit('bank.imported', bank.id);
    expect(audited.map((a) => a.after)).toEqual(expect.arrayContaining([expect.objectContaining({ inserted: 2 })]));

    const exported = await as('policyAdmin').get(`/v1/banks/${bank.id}/export`).expect(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    expect(exported.text.split('\n')).toEqual(['signal_type,signal_value,bank,labels', `pdq,${PDQ_A},imported,spam;scam`, `md5,${MD5_A},imported,`, `sha256,${sha},imported,x`, '']);
    const lines = (await as('policyAdmin').get(`/v1/banks/${bank.id}/export?format=jsonl`).expect(200)).text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ signal_type: 'pdq', signal_value: PDQ_A, bank: 'imported', labels: ['spam', 'scam'] });
    const copy = (await as('policyAdmin').post('/v1/banks', { name: 'copy', action: 'flag' }).expect(201)).body;
    const back = await request(http).post(`/v1/banks/${copy.id}/import`).set(bearer('policyAdmin')).set('Content-Type', 'text/csv').send(exported.text.replace(/,imported,/g, ',,')).expect(200);
    expect(back.body).toMatchObject({ records: 3, inserted: 3 });
  });
});
