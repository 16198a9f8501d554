import { INestApplication } from '@nestjs/common';
import sharp from 'sharp';
import request from 'supertest';
import { ClipService } from '../src/clip/clip.service';
import { ClipError } from '../src/clip/clip.types';
import { APP_CONFIG, AppConfig } from '../src/config/configuration';
import { MODEL_FAULT_RETRY_AFTER_S } from '../src/engine/engine-errors';
import { image } from './helpers/app';
import { PNG_SIG, pngChunk } from './fixtures/hostile/encoders';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { bearer, bootReviewApp } from './support/review-app';

const DOG = image('twemoji-dog-face.png');

/** The fixture's PNG header (bit depth, colour type kept) declaring width x height, over `idat` as its only pixel data. */
function pngDeclaring(width: number, height: number, idat: Buffer): Buffer {
  const header = Buffer.from(DOG.subarray(16, 29));
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  return Buffer.concat([PNG_SIG, pngChunk('IHDR', header), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/**
 * POST /v1/banks/{id}/entries/image with a file whose header reads but whose pixels do not decode:
 * refused as POST /v1/moderations refuses the same bytes (422 image_undecodable; 413 for a header that
 * declares too many pixels), never 500, and nothing is banked; a model fault is the 503 intake gives.
 */
describe.each(databaseKinds())('bank image entries from damaged files on %s', (kind) => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let jpeg: Buffer;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    app = await bootReviewApp(db);
    http = app.getHttpServer();
    jpeg = await sharp(DOG).flatten({ background: '#ffffff' }).resize(64, 64).jpeg().toBuffer();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const addImage = (bankId: string, body: Buffer, type: string) => request(http).post(`/v1/banks/${bankId}/entries/image`).set(bearer('policyAdmin')).set('Content-Type', type).send(body);
  const moderate = (body: Buffer, type: string) => request(http).post('/v1/moderations?policies=never').set(bearer('ingest')).set('Content-Type', type).send(body);

  it.each([
    ['the first half of a 64x64 JPEG', 422, 'image_undecodable', 'image/jpeg', () => jpeg.subarray(0, jpeg.length >> 1)],
    ['a PNG declaring 7000x7000 over 1000 zero bytes', 422, 'image_undecodable', 'image/png', () => pngDeclaring(7000, 7000, Buffer.alloc(1000))],
    ['a PNG declaring 65535x65535', 413, 'image_too_many_pixels', 'image/png', () => pngDeclaring(65535, 65535, Buffer.alloc(1000))],
  ])('%s: %i %s, as /v1/moderations answers; nothing is banked', async (_name, status, code, type, make) => {
    const bank = (await request(http).post('/v1/banks').set(bearer('policyAdmin')).send({ name: `damaged-${type.slice(6)}-${status}`, action: 'block' }).expect(201)).body;
    const bytes = make();

    const refused = await addImage(bank.id, bytes, type);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status, code });
    const intake = await moderate(bytes, type);
    expect({ status: intake.status, code: intake.body.code }).toEqual({ status, code });
    // The engine's own decode (embeddings: no hashing) says it once too.
    const embedded = await request(http).post('/v1/embeddings').set(bearer('ingest')).set('Content-Type', type).send(bytes);
    expect({ status: embedded.status, code: embedded.body.code }).toEqual({ status, code });
    for (const message of [refused.body.message, intake.body.message, embedded.body.message]) expect(message).not.toMatch(/could not be decoded.*could not be decoded/);

    expect((await request(http).get(`/v1/banks/${bank.id}/entries`).set(bearer('policyAdmin')).expect(200)).body.items).toEqual([]);
    expect((await request(http).get(`/v1/banks/${bank.id}`).set(bearer('policyAdmin')).expect(200)).body.entries).toBe(0);
  });

  it('a model fault while banking an image is the 503 every image route gives (with Retry-After), not a 500', async () => {
    const bank = (await request(http).post('/v1/banks').set(bearer('policyAdmin')).send({ name: 'model-fault', action: 'block' }).expect(201)).body;
    const clip = app.get(ClipService);
    const fault = jest.spyOn(clip, 'embedImage').mockRejectedValueOnce(new ClipError('model_unavailable', 'the inference worker stopped'));
    try {
      const res = await addImage(bank.id, jpeg, 'image/jpeg');
      expect({ status: res.status, code: res.body.code, retryAfter: res.headers['retry-after'] }).toEqual({ status: 503, code: 'model_unavailable', retryAfter: String(MODEL_FAULT_RETRY_AFTER_S.model_unavailable) });
      expect(fault).toHaveBeenCalledWith(expect.anything(), { deadlineMs: app.get<AppConfig>(APP_CONFIG).reliability.deadlineMs });
    } finally {
      fault.mockRestore();
    }
    expect((await request(http).get(`/v1/banks/${bank.id}`).set(bearer('policyAdmin')).expect(200)).body.entries).toBe(0);
  });

  it('the intact JPEG the damaged one was cut from is banked (PDQ and SHA-256)', async () => {
    const bank = (await request(http).post('/v1/banks').set(bearer('policyAdmin')).send({ name: 'intact', action: 'block', min_quality: 0 }).expect(201)).body;
    const added = (await addImage(bank.id, jpeg, 'image/jpeg').expect(201)).body;
    expect(added.added.map((e: { signal_type: string }) => e.signal_type)).toEqual(['pdq', 'sha256']);
  });
});
