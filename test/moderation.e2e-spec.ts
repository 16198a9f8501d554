import { INestApplication } from '@nestjs/common';
import sharp from 'sharp';
import request from 'supertest';
import { bootApp, image } from './helpers/app';
import { answer, JsonBody } from './support/api';

/** The answer as the OpenAPI document types it (src/generated/openapi.ts). */
type Moderation = JsonBody<'/v1/moderations', 'post', 200>;
const moderated = (res: { status: number; body: unknown }) => answer(res, '/v1/moderations', 'post', 200);

describe('POST /v1/moderations (real app, demo model, shipped policies)', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  const pistol = image('twemoji-pistol.png');
  const dog = image('twemoji-dog-face.png');

  beforeAll(async () => {
    app = await bootApp((c) => ({ ...c, media: { ...c.media, maxBytes: 2 * 1024 * 1024, maxPixels: 40_000_000 } }));
    http = app.getHttpServer();
  });
  afterAll(() => app.close());

  function expectDecisionShape(body: Moderation) {
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(['allow', 'flag', 'blur', 'block']).toContain(body.decision);
    expect(body.model.id).toBe('emoji-clip-demo');
    expect(body.policy_set.version).toMatch(/^[0-9a-f]{8,64}$/);
    expect(body.policies.length).toBeGreaterThanOrEqual(7);
    for (const p of body.policies) {
      expect(typeof p.score).toBe('number');
      expect(['allow', 'flag', 'blur', 'block']).toContain(p.action);
      expect(typeof p.matched_prompt).toBe('string');
    }
    for (const k of ['decode_ms', 'queue_ms', 'inference_ms', 'total_ms'] as const) expect(body.timings[k]).toBeGreaterThanOrEqual(0);
  }

  it('accepts multipart, raw and base64 forms and gives the same decision and scores for the same image', async () => {
    const multipart = await request(http).post('/v1/moderations').attach('image', pistol, 'pistol.png').expect(200);
    const raw = await request(http).post('/v1/moderations').set('Content-Type', 'image/png').send(pistol).expect(200);
    const b64 = await request(http).post('/v1/moderations').send({ image_base64: pistol.toString('base64') }).expect(200);
    const [m, r, b] = [multipart, raw, b64].map(moderated);
    for (const body of [m, r, b]) expectDecisionShape(body);
    expect(r.policies.map((p) => p.score)).toEqual(m.policies.map((p) => p.score));
    expect(b.decision).toBe(m.decision);
    expect(m.image).toMatchObject({ format: 'png', width: 64, height: 64, frames: 1, bytes: pistol.length });
    expect(m.image.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(multipart.headers['x-request-id']).toBeDefined();
  });

  it('a decision is the most severe policy action and lists every policy with its thresholds', async () => {
    const res = moderated(await request(http).post('/v1/moderations').set('Content-Type', 'image/png').send(pistol));
    const order = ['allow', 'flag', 'blur', 'block'];
    const worst = res.policies.reduce((a: string, p) => (order.indexOf(p.action) > order.indexOf(a) ? p.action : a), 'allow');
    expect(res.decision).toBe(worst);
    for (const p of res.policies) {
      const reached = (['flag', 'blur', 'block'] as const).filter((a) => p.thresholds[a] !== undefined && p.score >= p.thresholds[a]);
      expect(p.action).toBe(reached.length ? reached[reached.length - 1] : 'allow');
    }
  });

  it('restricts scoring to a subset of policies', async () => {
    const res = moderated(await request(http).post('/v1/moderations?policies=weapons,alcohol').set('Content-Type', 'image/png').send(pistol));
    expect(res.policies.map((p) => p.policy_id).sort()).toEqual(['alcohol', 'weapons']);
  });

  it('applies EXIF orientation and accepts JPEG and WebP', async () => {
    const jpeg = await sharp(dog).flatten({ background: '#ffffff' }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const webp = await sharp(dog).webp({ lossless: true }).toBuffer();
    const j = await request(http).post('/v1/moderations').set('Content-Type', 'image/jpeg').send(jpeg).expect(200);
    const w = await request(http).post('/v1/moderations').set('Content-Type', 'image/webp').send(webp).expect(200);
    expect(j.body.image.format).toBe('jpeg');
    expect(w.body.image.format).toBe('webp');
  });

  it('scores every sampled frame of an animated GIF and names the frame', async () => {
    const frames = [dog, image('twemoji-thumbs-up.png'), pistol, image('twemoji-hot-beverage.png')];
    const gif = await sharp(frames, { join: { animated: true } }).gif().toBuffer();
    const res = await request(http).post('/v1/moderations').set('Content-Type', 'image/gif').send(gif).expect(200);
    expect(res.body.image.frames).toBe(4);
    expect(res.body.image.frames_scored).toBe(4);
    for (const p of res.body.policies) expect(p.frame).toBeGreaterThanOrEqual(0);
    const single = await request(http).post('/v1/moderations?policies=weapons').set('Content-Type', 'image/png').send(pistol).expect(200);
    const animatedWeapons = res.body.policies.find((p: any) => p.policy_id === 'weapons');
    // The worst frame for weapons is the pistol frame (index 2) unless another frame scores higher still.
    expect(animatedWeapons.score).toBeGreaterThanOrEqual(single.body.policies[0].score - 0.02);
  });

  it('returns a blurred rendition inline or as bytes when asked', async () => {
    const inline = await request(http).post('/v1/moderations?blur=always').set('Content-Type', 'image/png').send(dog).expect(200);
    expect(inline.body.blurred.content_type).toBe('image/png');
    const blurred = Buffer.from(inline.body.blurred.data_base64, 'base64');
    const meta = await sharp(blurred).metadata();
    expect([meta.width, meta.height]).toEqual([64, 64]);
    expect(blurred.equals(dog)).toBe(false);
    const bytes = await request(http).post('/v1/moderations?blur=image').set('Content-Type', 'image/png').send(dog).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(bytes.headers['content-type']).toMatch(/^image\/png/);
    expect(['allow', 'flag', 'blur', 'block']).toContain(bytes.headers['x-moderation-decision']);
    expect((await sharp(bytes.body as Buffer).metadata()).format).toBe('png');
  });

  describe('bad input gets a 4xx with a stable code and the process survives', () => {
    const cases: [string, () => request.Test, number, string][] = [
      ['empty raw body', () => request(http).post('/v1/moderations').set('Content-Type', 'image/png').send(Buffer.alloc(0)), 400, 'missing_image'],
      ['text/plain body', () => request(http).post('/v1/moderations').set('Content-Type', 'text/plain').send('hello'), 415, 'unsupported_media_type'],
      ['SVG disguised as PNG', () => request(http).post('/v1/moderations').set('Content-Type', 'image/png').send(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>')), 415, 'unsupported_media_type'],
      ['random bytes', () => request(http).post('/v1/moderations').set('Content-Type', 'image/jpeg').send(Buffer.alloc(5000, 7)), 415, 'unsupported_media_type'],
      ['truncated PNG', () => request(http).post('/v1/moderations').set('Content-Type', 'image/png').send(pistol.subarray(0, Math.floor(pistol.length / 2))), 422, 'image_undecodable'],
      ['malformed JSON', () => request(http).post('/v1/moderations').set('Content-Type', 'application/json').send('{"image_base64": '), 400, 'invalid_json'],
      ['JSON null (valid JSON, not an object)', () => request(http).post('/v1/moderations').set('Content-Type', 'application/json').send('null'), 400, 'bad_request'],
      ['JSON number (valid JSON, not an object)', () => request(http).post('/v1/moderations').set('Content-Type', 'application/json').send('42'), 400, 'bad_request'],
      ['JSON string (valid JSON, not an object)', () => request(http).post('/v1/moderations').set('Content-Type', 'application/json').send('"x"'), 400, 'bad_request'],
      ['JSON array', () => request(http).post('/v1/moderations').set('Content-Type', 'application/json').send('[]'), 400, 'bad_request'],
      ['batch JSON number', () => request(http).post('/v1/moderations/batch').set('Content-Type', 'application/json').send('7'), 400, 'bad_request'],
      ['embeddings JSON null', () => request(http).post('/v1/embeddings').set('Content-Type', 'application/json').send('null'), 400, 'bad_request'],
      ['form-urlencoded body', () => request(http).post('/v1/moderations').type('form').send('url=https://example.com/a.png'), 415, 'unsupported_media_type'],
      ['JSON without image', () => request(http).post('/v1/moderations').send({}), 400, 'missing_image'],
      ['JSON with an unknown field', () => request(http).post('/v1/moderations').send({ image_base64: pistol.toString('base64'), foo: 1 }), 400, 'invalid_parameter'],
      ['invalid base64', () => request(http).post('/v1/moderations').send({ image_base64: '!!!not base64!!!' }), 400, 'invalid_base64'],
      ['unknown policy id', () => request(http).post('/v1/moderations?policies=nope').set('Content-Type', 'image/png').send(pistol), 400, 'invalid_parameter'],
      ['bad blur option', () => request(http).post('/v1/moderations?blur=sometimes').set('Content-Type', 'image/png').send(pistol), 400, 'invalid_parameter'],
      ['multipart without the image field', () => request(http).post('/v1/moderations').field('policies', 'weapons'), 400, 'missing_image'],
      ['raw body over the byte limit', () => request(http).post('/v1/moderations').set('Content-Type', 'image/png').send(Buffer.alloc(3 * 1024 * 1024)), 413, 'payload_too_large'],
      ['multipart file over the byte limit', () => request(http).post('/v1/moderations').attach('image', Buffer.alloc(3 * 1024 * 1024, 1), 'big.png'), 413, 'payload_too_large'],
    ];
    it.each(cases)('%s', async (_name, send, status, code) => {
      const res = await send().expect(status);
      expect(res.body.code).toBe(code);
      expect(typeof res.body.message).toBe('string');
      expect(res.body.requestId).toBeDefined();
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    });

    it('refuses a pixel flood (tiny file declaring huge dimensions) before decoding it', async () => {
      const flood = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
      expect(flood.length).toBeLessThan(2 * 1024 * 1024);
      const res = await request(http).post('/v1/moderations').set('Content-Type', 'image/png').send(flood).expect(413);
      expect(res.body.code).toBe('image_too_many_pixels');
      expect(res.body.details).toMatchObject({ width: 8000, height: 8000 });
    });

    it('still serves good requests afterwards', async () => {
      await request(http).post('/v1/moderations').set('Content-Type', 'image/png').send(dog).expect(200);
    });
  });
});
