import { INestApplication } from '@nestjs/common';
import { createHash } from 'crypto';
import sharp from 'sharp';
import request from 'supertest';
import { bootApp, image } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { bearer, bootReviewApp, KeyName, KEYS, REVIEW_POLICIES } from './support/review-app';

const LARGE = image('large-4000x3000.jpg');
const DOG = image('twemoji-dog-face.png');

/**
 * Matching at intake: an upload that matches a bank by SHA-256 or PDQ gets the bank's action (the
 * most severe wins with the policies), with the bank, entry, signal, distance and quality as evidence;
 * shadow banks are evidence only; records keep their PDQ and are found by it.
 */
describe.each(databaseKinds())('bank matching at intake on %s', (kind) => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let photo: Buffer;
  let recompressed: Buffer;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    app = await bootReviewApp(db);
    http = app.getHttpServer();
    // A photo and an edited copy PDQ is built for: resized and recompressed hard (different bytes, a few bits apart).
    photo = await sharp(LARGE).resize(1024, 768).jpeg({ quality: 90 }).toBuffer();
    recompressed = await sharp(photo).resize(700, 525).jpeg({ quality: 50 }).toBuffer();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const as = (k: KeyName) => ({
    get: (url: string) => request(http).get(url).set(bearer(k)),
    post: (url: string, body?: object) => request(http).post(url).set(bearer(k)).send(body ?? {}),
    patch: (url: string, body: object) => request(http).patch(url).set(bearer(k)).send(body),
  });
  const moderate = async (img: Buffer, policy: 'never' | 'flagger' | 'blocker' = 'never', type = 'image/jpeg') =>
    (await request(http).post(`/v1/moderations?policies=${policy}`).set(bearer('ingest')).set('Content-Type', type).send(img).expect(200)).body;

  it('blocks a banked photo and its recompressed, resized copy; the policies alone allow both', async () => {
    expect((await moderate(photo)).decision).toBe('allow');
    const bank = (await as('policyAdmin').post('/v1/banks', { name: 'known-photos', action: 'block', embedding_threshold: null }).expect(201)).body;
    const added = (await request(http).post(`/v1/banks/${bank.id}/entries/image?labels=test`).set(bearer('policyAdmin')).set('Content-Type', 'image/jpeg').send(photo).expect(201)).body;
    const [pdqEntry, shaEntry] = added.added;

    const same = await moderate(photo);
    expect(same.decision).toBe('block');
    // Exact beats perceptual: the same bytes are reported by their SHA-256.
    expect(same.banks).toEqual([expect.objectContaining({ bank_id: bank.id, bank: 'known-photos', entry_id: shaEntry.id, signal: 'sha256', action: 'block', mode: 'enforce', labels: ['test'] })]);
    expect(same.reasons[0]).toMatch(/^bank known-photos: sha256 identical/);
    expect(same.image.pdq).toBe(added.pdq);

    const copy = await moderate(recompressed);
    expect(copy.decision).toBe('block');
    expect(copy.banks).toHaveLength(1);
    expect(copy.banks[0]).toMatchObject({ entry_id: pdqEntry.id, signal: 'pdq', threshold: 31 });
    expect(copy.banks[0].distance).toBeLessThanOrEqual(31);
    expect(copy.banks[0].quality).toBeGreaterThanOrEqual(50);
    expect(copy.policies).toHaveLength(1); // the policies still ran and are reported

    // The record keeps the evidence and the PDQ; near duplicates are found by it.
    const rec = (await as('modA').get(`/v1/moderations/${copy.id}`).expect(200)).body;
    expect(rec).toMatchObject({ decision: 'block', banks: [expect.objectContaining({ entry_id: pdqEntry.id, signal: 'pdq' })], image: expect.objectContaining({ pdq: copy.image.pdq }) });
    const near = (await as('modA').get(`/v1/records-by-hash?pdq=${added.pdq}&distance=31`).expect(200)).body;
    expect(near.items.map((r: { moderation_id: string }) => r.moderation_id)).toEqual(expect.arrayContaining([same.id, copy.id]));
    expect(near.items[0].distance).toBe(0);
    const dog = await moderate(DOG, 'never', 'image/png');
    expect(near.items.map((r: { moderation_id: string }) => r.moderation_id)).not.toContain(dog.id);
    expect((await as('modA').get(`/v1/records-by-hash?sha256=${same.image.sha256}`).expect(200)).body.items.map((r: { moderation_id: string }) => r.moderation_id)).toContain(same.id);
    await as('modA').get('/v1/records-by-hash?pdq=xyz').expect(400);
    await as('ingest').get(`/v1/records-by-hash?pdq=${added.pdq}`).expect(403);

    // A disabled bank matches nothing; the change is seen at once by this instance.
    await as('policyAdmin').patch(`/v1/banks/${bank.id}`, { enabled: false }).expect(200);
    expect((await moderate(recompressed)).decision).toBe('allow');
    await as('policyAdmin').patch(`/v1/banks/${bank.id}`, { enabled: true, distance_threshold: 0 }).expect(200);
    expect(copy.banks[0].distance).toBeGreaterThan(0);
    expect((await moderate(recompressed)).banks).toBeUndefined();
  });

  it('catches a mirror through dihedral PDQ and through the embedding, and a 3% crop through the embedding, naming the signal', async () => {
    const base = await sharp(LARGE).resize(1024, 768).modulate({ hue: 90 }).jpeg({ quality: 90 }).toBuffer();
    const mirror = await sharp(base).flop().jpeg({ quality: 90 }).toBuffer();
    const crop = await sharp(base).extract({ left: 31, top: 23, width: 962, height: 722 }).jpeg({ quality: 90 }).toBuffer();
    const dihedral = (await as('policyAdmin').post('/v1/banks', { name: 'mirrors-by-pdq', action: 'flag', dihedral: true, embedding_threshold: null }).expect(201)).body;
    const byEmbedding = (await as('policyAdmin').post('/v1/banks', { name: 'by-embedding', action: 'blur' }).expect(201)).body;
    expect(byEmbedding.embedding_threshold).toBe(0.93); // BANKS_EMBEDDING_THRESHOLD's default
    for (const b of [dihedral, byEmbedding]) await request(http).post(`/v1/banks/${b.id}/entries/image`).set(bearer('policyAdmin')).set('Content-Type', 'image/jpeg').send(base).expect(201);

    const m = await moderate(mirror);
    expect(m.decision).toBe('blur');
    const got = Object.fromEntries(m.banks.map((b: { bank: string }) => [b.bank, b]));
    expect(got['mirrors-by-pdq']).toMatchObject({ signal: 'pdq-dihedral', transform: 'flipY' });
    expect(got['mirrors-by-pdq'].distance).toBeLessThanOrEqual(31);
    expect(got['by-embedding']).toMatchObject({ signal: 'embedding', threshold: 0.93 });
    expect(got['by-embedding'].similarity).toBeGreaterThanOrEqual(0.93);

    const c = await moderate(crop);
    expect(c.banks).toEqual([expect.objectContaining({ bank: 'by-embedding', signal: 'embedding' })]);
    expect(c.reasons[0]).toMatch(/^bank by-embedding: embedding cosine 0\.9\d+ >= 0\.93/);
  });

  it('the most severe action wins: a flag bank does not lower a policy block; a shadow bank is evidence only', async () => {
    const dogFlag = (await as('policyAdmin').post('/v1/banks', { name: 'dog-flag', action: 'flag', embedding_threshold: null }).expect(201)).body;
    await request(http).post(`/v1/banks/${dogFlag.id}/entries/image`).set(bearer('policyAdmin')).set('Content-Type', 'image/png').send(DOG).expect(201);
    const flagged = await moderate(DOG, 'never', 'image/png');
    expect(flagged.decision).toBe('flag');
    // A bank's flag is queued for review like a policy's, under "bank:<name>", and a moderator can decide it.
    const items = (await as('modA').get('/v1/reviews?policy=bank:dog-flag&limit=500').expect(200)).body.items;
    const item = items.find((i: { moderation_id: string }) => i.moderation_id === flagged.id);
    expect(item).toMatchObject({ policies: ['bank:dog-flag'], decision: 'flag' });
    await as('modA').post(`/v1/reviews/${item.id}/claim`).expect(200);
    await as('modA').post(`/v1/reviews/${item.id}/decision`, { verdict: 'uphold' }).expect(200);
    const blocked = await moderate(DOG, 'blocker', 'image/png');
    expect(blocked.decision).toBe('block');
    expect(blocked.banks).toEqual([expect.objectContaining({ bank: 'dog-flag', action: 'flag' })]);

    await as('policyAdmin').patch(`/v1/banks/${dogFlag.id}`, { mode: 'shadow', action: 'block' }).expect(200);
    const shadow = await moderate(DOG, 'never', 'image/png');
    expect(shadow.decision).toBe('allow');
    expect(shadow.banks).toBeUndefined();
    expect(shadow.shadow_banks).toEqual([expect.objectContaining({ bank: 'dog-flag', mode: 'shadow', action: 'block', signal: 'sha256' })]);
    expect(shadow.reasons).toEqual([expect.stringMatching(/^bank dog-flag: sha256 identical .*\[shadow\]$/)]);
  });
});

describe('BANKS_SKIP_CLIP_ON_BLOCK', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await bootApp((c) => ({ ...db.storage()(c), auth: { keys: Object.values(KEYS) }, policies: { ...c.policies, dir: REVIEW_POLICIES }, banks: { ...c.banks, skipClipOnBlock: true } }));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers block from a block bank without running the model, and runs it for everything else', async () => {
    const http = app.getHttpServer();
    const bank = (await request(http).post('/v1/banks').set(bearer('policyAdmin')).send({ name: 'skip', action: 'block' }).expect(201)).body;
    await request(http).post(`/v1/banks/${bank.id}/entries/image`).set(bearer('policyAdmin')).set('Content-Type', 'image/png').send(DOG).expect(201);
    const r = (await request(http).post('/v1/moderations?policies=flagger').set(bearer('ingest')).set('Content-Type', 'image/png').send(DOG).expect(200)).body;
    expect(r).toMatchObject({ decision: 'block', model_skipped: true, policies: [], timings: expect.objectContaining({ inference_ms: 0 }) });
    const other = (await request(http).post('/v1/moderations?policies=flagger').set(bearer('ingest')).set('Content-Type', 'image/png').send(image('twemoji-wrench.png')).expect(200)).body;
    expect(other.decision).toBe('flag');
    expect(other.model_skipped).toBeUndefined();
  });
});

describe('a block bank when the model fails', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    // A 1 ms deadline: every embedding misses it; FAILURE_MODES *=open answers allow, unscreened.
    app = await bootApp((c) => ({ ...db.storage()(c), auth: { keys: Object.values(KEYS) }, policies: { ...c.policies, dir: REVIEW_POLICIES }, reliability: { ...c.reliability, deadlineMs: 1, failureModes: { '*': 'open' } } }));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('still blocks what a block bank holds (no policy evidence); other uploads get the failure mode', async () => {
    const http = app.getHttpServer();
    const bank = (await request(http).post('/v1/banks').set(bearer('policyAdmin')).send({ name: 'fault', action: 'block' }).expect(201)).body;
    await request(http).post(`/v1/banks/${bank.id}/entries`).set(bearer('policyAdmin')).send({ signal_type: 'sha256', signal_value: createHash('sha256').update(DOG).digest('hex') }).expect(201);
    const r = (await request(http).post('/v1/moderations?policies=flagger').set(bearer('ingest')).set('Content-Type', 'image/png').send(DOG).expect(200)).body;
    expect(r).toMatchObject({ decision: 'block', model_skipped: true, policies: [], banks: [expect.objectContaining({ bank: 'fault', signal: 'sha256' })] });
    expect(r.unscreened).toBeUndefined();
    const other = (await request(http).post('/v1/moderations?policies=flagger').set(bearer('ingest')).set('Content-Type', 'image/png').send(image('twemoji-wrench.png')).expect(200)).body;
    expect(other).toMatchObject({ decision: 'allow', unscreened: true });
  });
});

/**
 * HASH_UPLOADS: by default (`banks`) PDQ and MD5 are taken only while some bank holds entries of that
 * signal, so an upload nobody can match perceptually is not decoded for hashing; `always` hashes every
 * upload so that every record can be found by near-duplicate lookup. SHA-256 is always taken.
 */
describe.each(['banks', 'always'] as const)('HASH_UPLOADS=%s', (hashUploads) => {
  let db: TestDatabase;
  let app: INestApplication;
  let photo: Buffer;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await bootApp((c) => ({ ...db.storage()(c), auth: { keys: Object.values(KEYS) }, policies: { ...c.policies, dir: REVIEW_POLICIES }, banks: { ...c.banks, hashUploads } }));
    photo = await sharp(LARGE).resize(1024, 768).jpeg({ quality: 90 }).toBuffer();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('takes PDQ and MD5 only where a bank can match them (banks), or for every upload (always)', async () => {
    const http = app.getHttpServer();
    const moderate = async (img: Buffer) => (await request(http).post('/v1/moderations?policies=flagger').set(bearer('ingest')).set('Content-Type', 'image/jpeg').send(img).expect(200)).body;
    const sha = createHash('sha256').update(photo).digest('hex');
    const nearBy = async (pdq: string) => (await request(http).get(`/v1/records-by-hash?pdq=${pdq}&distance=0`).set(bearer('modA')).expect(200)).body.items.map((r: { moderation_id: string }) => r.moderation_id);

    const first = await moderate(photo);
    expect(first.image.sha256).toBe(sha);
    expect(first.policies).toHaveLength(1); // the model ran on its own decode
    if (hashUploads === 'always') expect(first.image.pdq).toMatch(/^[0-9a-f]{64}$/);
    else expect(first.image.pdq).toBeUndefined();

    // An MD5 entry: intake takes MD5 and matches by it, still without PDQ unless always.
    const bank = (await request(http).post('/v1/banks').set(bearer('policyAdmin')).send({ name: 'md5-list', action: 'flag', embedding_threshold: null }).expect(201)).body;
    await request(http).post(`/v1/banks/${bank.id}/entries`).set(bearer('policyAdmin')).send({ signal_type: 'md5', signal_value: createHash('md5').update(photo).digest('hex') }).expect(201);
    const byMd5 = await moderate(photo);
    expect(byMd5.banks).toEqual([expect.objectContaining({ bank: 'md5-list', signal: 'md5' })]);
    expect(byMd5.image.pdq === undefined).toBe(hashUploads === 'banks');

    // A PDQ entry (of another picture): from now on every upload is hashed, and its record is found by its PDQ.
    const added = (await request(http).post(`/v1/banks/${bank.id}/entries/image`).set(bearer('policyAdmin')).set('Content-Type', 'image/png').send(DOG).expect(201)).body;
    expect(added.pdq).toMatch(/^[0-9a-f]{64}$/);
    const hashed = await moderate(photo);
    expect(hashed.image.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(hashed.image.pdq_quality).toBeGreaterThanOrEqual(50);
    const found = await nearBy(hashed.image.pdq);
    expect(found).toContain(hashed.id);
    expect(found.includes(first.id)).toBe(hashUploads === 'always');
  });
});
