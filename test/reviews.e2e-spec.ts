import { INestApplication } from '@nestjs/common';
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { RetentionService } from '../src/records/retention.service';
import { Clock } from '../src/storage/clock';
import { image } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { bearer, bootReviewApp, KeyName } from './support/review-app';

const DOG = image('twemoji-dog-face.png');
const PISTOL = image('twemoji-pistol.png');
const LEASE_S = 600;
const RETENTION_H = 24;

describe.each(databaseKinds())('review API on %s', (kind) => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let clock: Clock;
  const farFuture = new Date(Date.now() + 365 * 24 * 3600_000).toISOString();

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    app = await bootReviewApp(db, { leaseSeconds: LEASE_S, retentionHours: RETENTION_H });
    http = app.getHttpServer();
    clock = app.get(Clock);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const as = (k: KeyName) => ({
    get: (url: string) => request(http).get(url).set(bearer(k)),
    post: (url: string, body?: object) => request(http).post(url).set(bearer(k)).send(body ?? {}),
  });
  async function moderate(policy: 'flagger' | 'blurrer' | 'blocker' | 'never', img = DOG, externalId?: string) {
    const q = `/v1/moderations?policies=${policy}${externalId ? `&external_id=${externalId}` : ''}`;
    const res = await request(http).post(q).set(bearer('ingest')).set('Content-Type', 'image/png').send(img).expect(200);
    return res.body as { id: string; decision: string; policy_set: { version: string } };
  }
  async function itemOf(moderationId: string) {
    const all = await as('modA').get('/v1/reviews?limit=500').expect(200);
    return all.body.items.find((i: { moderation_id: string }) => i.moderation_id === moderationId);
  }

  it('records every decision with its evidence, readable later from the record alone', async () => {
    const flagged = await moderate('flagger', DOG, 'upload-1');
    const allowed = await moderate('never');
    expect(flagged.decision).toBe('flag');
    expect(allowed.decision).toBe('allow');
    const r = (await as('modA').get(`/v1/moderations/${flagged.id}`).expect(200)).body;
    expect(r).toMatchObject({ id: flagged.id, client: 'uploader', external_id: 'upload-1', decision: 'flag', model: { id: 'emoji-clip-demo' }, policy_set: { name: 'review-tests', version: flagged.policy_set.version } });
    expect(r.policies).toEqual([expect.objectContaining({ policy_id: 'flagger', action: 'flag', thresholds: { flag: -1 } })]);
    expect(typeof r.policies[0].score).toBe('number');
    expect(r.image).toMatchObject({ format: 'png', width: 64, height: 64, bytes: DOG.length, kept: true });
    expect(r.image.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.embedding_dim).toBeGreaterThan(0);
    const a = (await as('modA').get(`/v1/moderations/${allowed.id}`).expect(200)).body;
    expect(a.image.kept).toBe(false); // privacy: allowed images are not kept by default
    const audit = (await as('modA').get(`/v1/audit?action=moderation.created&entity_id=${flagged.id}`).expect(200)).body;
    expect(audit.items).toEqual([expect.objectContaining({ actor: 'uploader', entity_type: 'moderation', after: expect.objectContaining({ decision: 'flag' }) })]);
    await as('modA').get('/v1/moderations/00000000-0000-0000-0000-000000000000').expect(404);
  });

  it('queues flag and blur for review (block and allow not), with filters, order and cursor pagination', async () => {
    const ids = { flag: (await moderate('flagger')).id, blur: (await moderate('blurrer')).id, block: (await moderate('blocker')).id, allow: (await moderate('never')).id };
    expect(await itemOf(ids.flag)).toMatchObject({ status: 'open', origin: 'auto', policies: ['flagger'], decision: 'flag', claimed: false, lease: null });
    expect(await itemOf(ids.blur)).toMatchObject({ decision: 'blur', policies: ['blurrer'] });
    expect(await itemOf(ids.block)).toBeUndefined();
    expect(await itemOf(ids.allow)).toBeUndefined();

    const blur = (await as('modA').get('/v1/reviews?decision=blur').expect(200)).body.items;
    expect(blur.length).toBeGreaterThan(0);
    expect(blur.every((i: { decision: string }) => i.decision === 'blur')).toBe(true);
    const byPolicy = (await as('modA').get('/v1/reviews?policy=flagger').expect(200)).body.items;
    expect(byPolicy.every((i: { policies: string[] }) => i.policies.includes('flagger'))).toBe(true);
    expect((await as('modA').get('/v1/reviews?policy=nonexistent').expect(200)).body.items).toEqual([]);
    expect((await as('modA').get('/v1/reviews?min_score=2').expect(200)).body.items).toEqual([]);
    expect((await as('modA').get(`/v1/reviews?from=${farFuture}`).expect(200)).body.items).toEqual([]);

    const all = (await as('modA').get('/v1/reviews?status=open&order=score').expect(200)).body.items;
    const scores = all.map((i: { max_score: number }) => i.max_score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await as('modA').get(`/v1/reviews?status=open&order=score&limit=1${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      pages.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(pages).toEqual(all.map((i: { id: string }) => i.id));
    const oldest = (await as('modA').get('/v1/reviews?status=open').expect(200)).body.items.map((i: { opened_at: string }) => i.opened_at);
    expect(oldest).toEqual([...oldest].sort());
    await as('modA').get('/v1/reviews?cursor=garbage').expect(400);
    await as('modA').get('/v1/reviews?status=nope').expect(400);
  });

  it('claims with a lease: only the holder decides; others get 409 with a stable code', async () => {
    const m = await moderate('flagger');
    const item = await itemOf(m.id);
    const claimed = (await as('modA').post(`/v1/reviews/${item.id}/claim`).expect(200)).body;
    expect(claimed.lease.holder).toBe('mod-a');
    expect(Date.parse(claimed.lease.expires_at) - Date.now()).toBeGreaterThan((LEASE_S - 60) * 1000);
    expect((await as('modB').post(`/v1/reviews/${item.id}/claim`).expect(409)).body).toMatchObject({ code: 'lease_held', details: { lease_holder: 'mod-a' } });
    expect((await as('modB').post(`/v1/reviews/${item.id}/decision`, { verdict: 'overturn' }).expect(409)).body.code).toBe('lease_not_held');
    await as('modA').post(`/v1/reviews/${item.id}/decision`, { verdict: 'maybe' }).expect(400);
    await as('modA').post(`/v1/reviews/${item.id}/decision`, { verdict: 'uphold', policies: 'flagger' }).expect(400);
    expect((await as('modA').post(`/v1/reviews/${item.id}/decision`, { verdict: 'uphold', policies: ['nope'] }).expect(422)).body).toMatchObject({ code: 'policy_not_fired', details: { policies: ['nope'], fired: ['flagger'] } });
    expect((await as('modB').get(`/v1/reviews/${item.id}`).expect(200)).body.status).toBe('open'); // the rejected verdict changed nothing
    const decided = (await as('modA').post(`/v1/reviews/${item.id}/decision`, { verdict: 'uphold', policies: ['flagger'], note: 'a dog, but policy says so' }).expect(200)).body;
    expect(decided).toMatchObject({ status: 'closed', last_verdict: 'uphold', lease: null });
    expect((await as('modA').post(`/v1/reviews/${item.id}/decision`, { verdict: 'overturn' }).expect(409)).body.code).toBe('review_closed');
    expect((await as('modB').post(`/v1/reviews/${item.id}/claim`).expect(409)).body.code).toBe('review_closed');
    await as('modA').post('/v1/reviews/00000000-0000-0000-0000-000000000000/claim').expect(404);
    const detail = (await as('modB').get(`/v1/reviews/${item.id}`).expect(200)).body;
    expect(detail.record.id).toBe(m.id);
    expect(detail.history).toEqual([expect.objectContaining({ type: 'decision', actor: 'mod-a', verdict: 'uphold', note: 'a dog, but policy says so' })]);
    const audit = (await as('modA').get(`/v1/audit?entity_type=review&entity_id=${item.id}`).expect(200)).body.items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['review.opened', 'review.claimed', 'review.decided']);
    expect(audit[2]).toMatchObject({ actor: 'mod-a', before: { status: 'open' }, after: { status: 'closed', verdict: 'uphold' } });
  });

  it('POST /v1/reviews/next hands each open item to exactly one of many concurrent claimers', async () => {
    for (let i = 0; i < 6; i++) await moderate(i % 2 ? 'flagger' : 'blurrer');
    const open = (await as('modA').get('/v1/reviews?status=open&limit=500').expect(200)).body.items.length;
    expect(open).toBeGreaterThanOrEqual(6);
    const claimers = Array.from({ length: open + 4 }, (_, i) => as(i % 2 ? 'modA' : 'modB').post('/v1/reviews/next'));
    const results = await Promise.all(claimers);
    const won = results.filter((r) => r.status === 200);
    expect(results.filter((r) => r.status === 204)).toHaveLength(4);
    expect(won).toHaveLength(open);
    const ids = won.map((r) => r.body.id);
    expect(new Set(ids).size).toBe(open);
    for (const r of won) expect(r.body.lease.holder).toBe((r as unknown as { req: { getHeader(n: string): unknown } }).req.getHeader('authorization') === bearer('modA').Authorization ? 'mod-a' : 'mod-b');
    expect((await as('modA').get('/v1/reviews?status=open').expect(200)).body.items).toEqual([]);
    expect((await as('modA').get('/v1/reviews?status=claimed&limit=500').expect(200)).body.items.length).toBe(open);
    await as('modA').post('/v1/reviews/next').expect(204);
    await as('modA').post('/v1/reviews/next', { status: 'closed' }).expect(400);
  });

  it('POST /v1/reviews/next reads its filters from the query string or the JSON body, never both, and no other body', async () => {
    const flagged = await moderate('flagger');
    expect(await itemOf(flagged.id)).toMatchObject({ status: 'open', claimed: false });
    // The query string is read: nothing is escalated, no policy has that name, no score reaches 2.
    for (const q of ['status=escalated', 'policy=nonexistent', 'decision=block', 'min_score=2']) await as('modA').post(`/v1/reviews/next?${q}`).expect(204);
    // Filters in both places are refused (which would win?), naming the body's fields.
    const both = (await as('modA').post('/v1/reviews/next?status=open', { policy: 'flagger', order: 'score' }).expect(400)).body;
    expect(both).toMatchObject({ code: 'invalid_parameter', details: { field: 'policy' } });
    expect(both.details.errors).toEqual([expect.objectContaining({ field: 'policy', constraint: 'oneSource' }), expect.objectContaining({ field: 'order', constraint: 'oneSource' })]);
    // A body that is not JSON is refused, never taken for "no filters".
    const text = await request(http).post('/v1/reviews/next').set(bearer('modA')).set('Content-Type', 'text/plain').send('hello').expect(415);
    expect(text.body).toMatchObject({ code: 'unsupported_media_type', details: { content_type: 'text/plain', accepted: ['application/json'] } });
    await request(http).post('/v1/reviews/next').set(bearer('modA')).type('form').send('status=escalated').expect(415);
    await request(http).post('/v1/reviews/next').set(bearer('modA')).set('Content-Type', 'text/plain').send('{"status": "escalated"}').expect(415);
    const chunked = request(http).post('/v1/reviews/next').set(bearer('modA')).set('Transfer-Encoding', 'chunked');
    chunked.write('{"status": ');
    chunked.write('"escalated"}');
    expect((await chunked.expect(415)).body.details.content_type).toBeNull();
    // Valid JSON that is not an object is one code everywhere (it used to be invalid_json or invalid_parameter).
    for (const body of ['null', '42', '"x"', 'true', '[]', '[{"status": "open"}]']) {
      const r = await request(http).post('/v1/reviews/next').set(bearer('modA')).set('Content-Type', 'application/json').send(body);
      expect([body, r.status, r.body.code]).toEqual([body, 400, 'bad_request']);
    }
    expect(await itemOf(flagged.id)).toMatchObject({ status: 'open', claimed: false }); // none of the above claimed it
    // An empty body keeps working without a Content-Type, sent with a length of 0 or chunked.
    await request(http).post('/v1/reviews/next?policy=nonexistent').set(bearer('modA')).expect(204);
    await request(http).post('/v1/reviews/next?policy=nonexistent').set(bearer('modA')).set('Transfer-Encoding', 'chunked').expect(204);
    await request(http).post('/v1/reviews/next?policy=nonexistent').set(bearer('modA')).set('Content-Type', 'application/json').send({}).expect(204);
    const got = (await as('modA').post('/v1/reviews/next?status=open&policy=flagger&decision=flag&order=oldest').expect(200)).body;
    expect(got).toMatchObject({ moderation_id: flagged.id, policies: ['flagger'], decision: 'flag', lease: { holder: 'mod-a' } });

    // The decision and appeal routes read JSON only: JSON sent as text/plain is 415, not "verdict is missing".
    const asText = (url: string, json: object, who: KeyName = 'modA') => request(http).post(url).set(bearer(who)).set('Content-Type', 'text/plain').send(JSON.stringify(json));
    expect((await asText(`/v1/reviews/${got.id}/decision`, { verdict: 'uphold' }).expect(415)).body.code).toBe('unsupported_media_type');
    expect((await asText(`/v1/moderations/${flagged.id}/appeals`, { reason: 'mine' }, 'ingest').expect(415)).body.code).toBe('unsupported_media_type');
    for (const body of ['null', '7', '[]']) {
      const decision = await request(http).post(`/v1/reviews/${got.id}/decision`).set(bearer('modA')).set('Content-Type', 'application/json').send(body);
      const appeal = await request(http).post(`/v1/moderations/${flagged.id}/appeals`).set(bearer('ingest')).set('Content-Type', 'application/json').send(body);
      expect([body, decision.status, decision.body.code, appeal.status, appeal.body.code]).toEqual([body, 400, 'bad_request', 400, 'bad_request']);
    }
    expect((await as('modA').get(`/v1/reviews/${got.id}`).expect(200)).body).toMatchObject({ status: 'open', appeal_count: 0, history: [] });
    await as('modA').post(`/v1/reviews/${got.id}/release`).expect(200); // back in the queue, undecided (the statistics below count verdicts)
  });

  it('a bad field in any review route is a 400 invalid_parameter naming the field and the failed constraint', async () => {
    const id = '00000000-0000-0000-0000-000000000000';
    const cases: [KeyName, 'get' | 'post', string, object | undefined, string, string][] = [
      ['modA', 'get', '/v1/reviews?status=nope', undefined, 'status', 'isIn'],
      ['modA', 'get', '/v1/reviews?limit=0', undefined, 'limit', 'min'],
      ['modA', 'get', '/v1/reviews?limit=2.5', undefined, 'limit', 'isInt'],
      ['modA', 'get', '/v1/reviews?min_score=high', undefined, 'min_score', 'isNumber'],
      ['modA', 'get', '/v1/reviews?from=yesterday', undefined, 'from', 'isTime'],
      ['modA', 'get', '/v1/reviews?cursor=garbage', undefined, 'cursor', 'isCursor'],
      ['modA', 'get', '/v1/reviews?order=newest', undefined, 'order', 'isIn'],
      ['modA', 'get', '/v1/reviews?stauts=open', undefined, 'stauts', 'whitelistValidation'],
      ['modA', 'get', '/v1/reviews/stats?from=2001-01-01&to=2000-01-01', undefined, 'from', 'isBeforeTo'],
      ['modA', 'get', '/v1/reviews/stats?to=soon', undefined, 'to', 'isTime'],
      ['modA', 'post', '/v1/reviews/next', { status: 'closed' }, 'status', 'isIn'],
      ['modA', 'post', '/v1/reviews/next', { min_score: '0.5' }, 'min_score', 'isNumber'],
      ['modA', 'post', '/v1/reviews/next', { limit: 5 }, 'limit', 'whitelistValidation'],
      ['modA', 'post', '/v1/reviews/next?status=closed', undefined, 'status', 'isIn'],
      ['modA', 'post', '/v1/reviews/next?min_score=high', undefined, 'min_score', 'isNumber'],
      ['modA', 'post', '/v1/reviews/next?order=newest', undefined, 'order', 'isIn'],
      ['modA', 'post', '/v1/reviews/next?foo=1', undefined, 'foo', 'whitelistValidation'],
      ['modA', 'post', '/v1/reviews/next?limit=5', undefined, 'limit', 'whitelistValidation'],
      ['modA', 'post', `/v1/reviews/${id}/decision`, { verdict: 'maybe' }, 'verdict', 'isIn'],
      ['modA', 'post', `/v1/reviews/${id}/decision`, {}, 'verdict', 'isIn'],
      ['modA', 'post', `/v1/reviews/${id}/decision`, { verdict: 'uphold', policies: 'flagger' }, 'policies', 'isArray'],
      ['modA', 'post', `/v1/reviews/${id}/decision`, { verdict: 'uphold', policies: ['ok', 7] }, 'policies', 'isString'],
      ['modA', 'post', `/v1/reviews/${id}/decision`, { verdict: 'uphold', note: 'x'.repeat(4001) }, 'note', 'maxLength'],
      ['modA', 'post', `/v1/reviews/${id}/decision`, { verdict: 'uphold', notes: 'typo' }, 'notes', 'whitelistValidation'],
      ['modA', 'get', `/v1/reviews/${id}/image?reveal=yes`, undefined, 'reveal', 'isBoolean'],
      ['modA', 'get', `/v1/reviews/${id}/image?reveal=1`, undefined, 'reveal', 'isBoolean'],
      ['modA', 'get', `/v1/reviews/${id}/image?reveal=true&reason=${'x'.repeat(1001)}`, undefined, 'reason', 'maxLength'],
      ['modA', 'get', `/v1/reviews/${'x'.repeat(201)}`, undefined, 'id', 'isUuid'],
      ['ingest', 'post', `/v1/moderations/${id}/appeals`, { reason: 7 }, 'reason', 'isString'],
    ];
    for (const [key, method, route, body, field, constraint] of cases) {
      const res = await (method === 'get' ? as(key).get(route) : as(key).post(route, body));
      expect({ route, status: res.status, body: res.body }).toMatchObject({ route, status: 400, body: { code: 'invalid_parameter', details: { field } } });
      expect(res.body.details.errors).toContainEqual(expect.objectContaining({ field, constraint }));
    }
  });

  it('appeals reopen a case (or open one for a block) and carry their history', async () => {
    const blocked = await moderate('blocker', PISTOL);
    expect(await itemOf(blocked.id)).toBeUndefined();
    // Each bad field is named with the constraint it failed; unknown fields are refused, not ignored.
    expect((await as('ingest').post(`/v1/moderations/${blocked.id}/appeals`, { reason: '   ' }).expect(400)).body).toMatchObject({ code: 'invalid_parameter', details: { field: 'reason', errors: [{ field: 'reason', constraint: 'isNotEmpty' }] } });
    const twoBad = (await as('ingest').post(`/v1/moderations/${blocked.id}/appeals`, { reason: 'x'.repeat(4001), reson: 'typo' }).expect(400)).body.details.errors;
    expect(twoBad).toHaveLength(2);
    expect(twoBad).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason', constraint: 'maxLength' }), expect.objectContaining({ field: 'reson', constraint: 'whitelistValidation' })]));
    await as('ingest').post('/v1/moderations/00000000-0000-0000-0000-000000000000/appeals', { reason: 'x' }).expect(404);
    // Another ingest client cannot appeal (or learn about) this moderation.
    await as('ingest2').post(`/v1/moderations/${blocked.id}/appeals`, { reason: 'mine now' }).expect(404);
    const opened = (await as('ingest').post(`/v1/moderations/${blocked.id}/appeals`, { reason: 'it is a water pistol' }).expect(201)).body;
    expect(opened).toMatchObject({ status: 'open', origin: 'appeal', appeal_count: 1, policies: ['blocker'], decision: 'block' });
    await as('modA').post(`/v1/reviews/${opened.id}/claim`).expect(200);
    await as('modA').post(`/v1/reviews/${opened.id}/decision`, { verdict: 'overturn', note: 'toy' }).expect(200);
    const again = (await as('ingest').post(`/v1/moderations/${blocked.id}/appeals`, { reason: 'still wrong?' }).expect(201)).body;
    expect(again).toMatchObject({ id: opened.id, status: 'open', appeal_count: 2, last_verdict: 'overturn' });
    const detail = (await as('modB').get(`/v1/reviews/${opened.id}`).expect(200)).body;
    expect(detail.history.map((h: { type: string }) => h.type)).toEqual(['appeal', 'decision', 'appeal']);
    expect(detail.history[0]).toMatchObject({ actor: 'uploader', reason: 'it is a water pistol' });
    expect(detail.history[1]).toMatchObject({ actor: 'mod-a', verdict: 'overturn' });
  });

  it('serves a blurred preview by default; the original only on an audited reveal', async () => {
    const m = await moderate('flagger', PISTOL);
    const item = await itemOf(m.id);
    const preview = await as('modB').get(`/v1/reviews/${item.id}/image`).buffer(true).expect(200);
    expect(preview.headers['content-type']).toMatch(/^image\//);
    expect(preview.headers['x-image-revealed']).toBe('false');
    expect(Buffer.compare(preview.body, PISTOL)).not.toBe(0);
    await as('modB').post(`/v1/reviews/${item.id}/claim`).expect(200);
    const revealed = await as('modB').get(`/v1/reviews/${item.id}/image?reveal=true&reason=checking+context`).buffer(true).expect(200);
    expect(revealed.headers['x-image-revealed']).toBe('true');
    expect(Buffer.compare(revealed.body, PISTOL)).toBe(0);
    const audit = (await as('modA').get(`/v1/audit?action=image.revealed&entity_id=${item.id}`).expect(200)).body.items;
    expect(audit).toEqual([expect.objectContaining({ actor: 'mod-b', after: { moderation_id: m.id, reason: 'checking context', as: 'lease_holder' } })]);
  });

  it('statistics: counts by decision, policy and status, time to decision, overturn rate, decisions per moderator', async () => {
    const s = (await as('modA').get(`/v1/reviews/stats?from=2000-01-01T00:00:00Z&to=${farFuture}`).expect(200)).body;
    expect(s.moderations_by_decision.flag).toBeGreaterThanOrEqual(4);
    expect(s.moderations_by_decision.allow).toBeGreaterThanOrEqual(2);
    expect(s.moderations_by_policy.flagger.flag).toBe(s.moderations_by_decision.flag);
    expect(s.moderations_by_policy.never).toBeUndefined();
    expect(s.reviews_by_status.closed).toBeGreaterThanOrEqual(1);
    expect(s.verdicts_per_policy.flagger).toMatchObject({ uphold: 1, overturn: 0, overturn_rate: 0 });
    expect(s.verdicts_per_policy.blocker).toMatchObject({ overturn: 1, overturn_rate: 1 });
    expect(s.decisions_per_moderator['mod-a']).toMatchObject({ total: 2, uphold: 1, overturn: 1 });
    expect(typeof s.median_time_to_decision_s).toBe('number');
    const empty = (await as('modA').get('/v1/reviews/stats?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z').expect(200)).body;
    expect(empty).toMatchObject({ moderations_by_decision: {}, review_decisions: 0, median_time_to_decision_s: null });
    await as('modA').get('/v1/reviews/stats?from=2001-01-01&to=2000-01-01').expect(400);
  });

  it('audit log: filters, cursor pages, NDJSON and CSV exports of the same entries', async () => {
    const all = (await as('modA').get('/v1/audit?limit=1000').expect(200)).body.items;
    expect(all.length).toBeGreaterThan(20);
    const seqs = all.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const first = (await as('modA').get('/v1/audit?limit=5').expect(200)).body;
    const second = (await as('modA').get(`/v1/audit?limit=5&cursor=${first.next_cursor}`).expect(200)).body;
    expect([...first.items, ...second.items].map((e: { seq: number }) => e.seq)).toEqual(seqs.slice(0, 10));
    const byActor = (await as('modA').get('/v1/audit?actor=mod-b').expect(200)).body.items;
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e: { actor: string }) => e.actor === 'mod-b')).toBe(true);
    const nd = await as('modA').get('/v1/audit?format=ndjson').buffer(true).parse((res, cb) => {
      let s = '';
      res.on('data', (c: Buffer) => (s += c));
      res.on('end', () => cb(null, s));
    }).expect(200);
    expect(nd.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = (nd.body as string).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((e) => e.seq)).toEqual(seqs);
    const csv = await as('modA').get('/v1/audit?format=csv&action=review.decided').expect(200);
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toBe('seq,at,actor,action,entity_type,entity_id,before,after,request_id');
    expect(rows.length - 1).toBe(all.filter((e: { action: string }) => e.action === 'review.decided').length);
    expect(rows[1]).toContain(',review.decided,review,');
  });

  it('searches stored records by text and by similar_to, with filters', async () => {
    const a = await moderate('blocker', DOG);
    const text = (await as('modA').get('/v1/search?q=a%20dog&limit=5').expect(200)).body;
    expect(text.model.id).toBe('emoji-clip-demo');
    expect(text.items.length).toBe(5);
    const sims = text.items.map((i: { similarity: number }) => i.similarity);
    expect(sims).toEqual([...sims].sort((x, y) => y - x));
    const near = (await as('modA').get(`/v1/search?similar_to=${a.id}&limit=3`).expect(200)).body.items;
    expect(near.map((i: { moderation_id: string }) => i.moderation_id)).not.toContain(a.id);
    expect(near[0].similarity).toBeCloseTo(1, 4); // the same dog image was moderated before
    const blocks = (await as('modA').get(`/v1/search?similar_to=${a.id}&decision=block`).expect(200)).body.items;
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.every((i: { decision: string }) => i.decision === 'block')).toBe(true);
    const byPolicy = (await as('modA').get(`/v1/search?q=a%20pistol&policy=blurrer`).expect(200)).body.items;
    expect(byPolicy.every((i: { decision: string }) => i.decision === 'blur')).toBe(true);
    expect((await as('modA').get(`/v1/search?q=a%20dog&to=2000-01-01`).expect(200)).body.items).toEqual([]);
    await as('modA').get('/v1/search?similar_to=00000000-0000-0000-0000-000000000000').expect(404);
    await as('modA').get('/v1/search').expect(400);
    await as('modA').get('/v1/search?q=x&similar_to=y').expect(400);
    await as('modA').get('/v1/search?q=x&decision=maybe').expect(400);
  });

  it('leases expire and can be released; retention deletes kept images of closed or unreviewed cases only', async () => {
    const m = await moderate('flagger');
    const item = await itemOf(m.id);
    await as('modA').post(`/v1/reviews/${item.id}/claim`).expect(200);
    expect((await as('modB').post(`/v1/reviews/${item.id}/release`).expect(409)).body.code).toBe('lease_not_held');
    clock.advance((LEASE_S + 1) * 1000);
    await as('modB').post(`/v1/reviews/${item.id}/claim`).expect(200);
    expect((await as('modA').post(`/v1/reviews/${item.id}/decision`, { verdict: 'uphold' }).expect(409)).body.code).toBe('lease_not_held');
    expect((await as('modB').post(`/v1/reviews/${item.id}/release`).expect(200)).body.lease).toBeNull();
    await as('modB').post(`/v1/reviews/${item.id}/release`).expect(409);

    const blocked = await moderate('blocker', PISTOL);
    const blobDir = path.join(db.dataDir, 'blobs');
    const files = () => fs.readdirSync(blobDir, { recursive: true }).filter((f) => String(f).endsWith('.png')).length;
    const retention = app.get(RetentionService);
    expect(await retention.sweep()).toBe(0);
    const before = files();
    clock.advance((RETENTION_H + 1) * 3600_000);
    const deleted = await retention.sweep();
    expect(deleted).toBeGreaterThan(0);
    expect(files()).toBe(before - deleted);
    expect((await as('modA').get(`/v1/moderations/${blocked.id}`).expect(200)).body.image).toMatchObject({ kept: false, deleted_at: expect.any(String) });
    // An open review keeps its image however old it is.
    expect((await as('modA').get(`/v1/reviews/${item.id}/image`).expect(200)).headers['x-image-revealed']).toBe('false');
    const gone = (await as('modA').get(`/v1/audit?action=image.deleted&entity_id=${blocked.id}`).expect(200)).body.items;
    expect(gone).toHaveLength(1);
    expect(await retention.sweep()).toBe(0);
  });
});
