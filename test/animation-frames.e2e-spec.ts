import { INestApplication } from '@nestjs/common';
import sharp from 'sharp';
import request from 'supertest';
import { sampleFrames } from '../src/media/media.service';
import { apng } from './fixtures/hostile/encoders';
import { image } from './helpers/app';
import { answer } from './support/api';
import { createTestDatabase, TestDatabase } from './support/databases';
import { bearer, bootReviewApp } from './support/review-app';

type FrameRow = { frame: number; policies: { policy_id: string; score: number; action: string }[] };

const NAMES = ['twemoji-dog-face.png', 'twemoji-pistol.png', 'twemoji-beer.png', 'twemoji-skull.png'];

/** 64x64 RGBA samples of an image's first frame. */
const rgba = async (img: Buffer) => (await sharp(img, { pages: 1 }).ensureAlpha().resize(64, 64, { fit: 'fill' }).raw().toBuffer());
function meanAbsDiff(a: Buffer, b: Buffer): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i] - b[i]);
  return d / a.length;
}

/**
 * Animations keep every sampled frame's scores (`frames`) in the answer and in the stored evidence
 * (GET /v1/moderations/{id}, GET /v1/reviews/{id}), and GET /v1/moderations/{id}/preview?frame=N
 * serves the blurred rendition of that frame. Model-independent: each frame's expected scores come
 * from moderating that frame alone as a still image.
 */
describe('animation frames: per-frame scores and per-frame blurred previews', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  const emoji = NAMES.map(image);
  // Twelve frames cycling the four emoji: 8 of them are sampled (MEDIA_SAMPLED_FRAMES), so frame numbers skip.
  const twelve = Array.from({ length: 12 }, (_, i) => emoji[i % 4]);
  let single: Record<string, number>[];
  // The blurred previews of the four emoji moderated as still images: what each frame's preview should look like.
  let stillPreviews: Buffer[];

  const post = (body: Buffer, type: string, policies = 'flagger,blurrer,never') =>
    request(http).post(`/v1/moderations?policies=${policies}`).set(bearer('ingest')).set('Content-Type', type).send(body);
  const preview = (id: string, frame?: string | number) =>
    request(http).get(`/v1/moderations/${id}/preview${frame === undefined ? '' : `?frame=${frame}`}`).set(bearer('modA')).buffer(true);

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await bootReviewApp(db);
    http = app.getHttpServer();
    single = [];
    stillPreviews = [];
    for (const e of emoji) {
      const body = answer(await post(e, 'image/png'), '/v1/moderations', 'post', 200);
      single.push(Object.fromEntries(body.policies.map((p) => [p.policy_id, p.score])));
      stillPreviews.push(await rgba((await preview(body.id).expect(200)).body as Buffer));
    }
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** Which emoji a frame's blurred preview shows: the one whose still image's blurred preview is nearest. */
  async function nearestFrame(blurred: Buffer): Promise<number> {
    const px = await rgba(blurred);
    const d = stillPreviews.map((k) => meanAbsDiff(px, k));
    return d.indexOf(Math.min(...d));
  }

  it('an animated WebP: the answer, the record and the review item carry every sampled frame with its scores', async () => {
    const webp = await sharp(twelve, { join: { animated: true } }).webp({ lossless: true }).toBuffer();
    const body = answer(await post(webp, 'image/webp'), '/v1/moderations', 'post', 200);
    expect(body.image).toMatchObject({ frames: 12, frames_scored: 8 });
    const frames = body.frames as FrameRow[];
    expect(frames.map((f) => f.frame)).toEqual(sampleFrames(12, 8));
    for (const f of frames) {
      // Every enforced policy, in the order of `policies`; the score is that frame's own score.
      expect(f.policies.map((p) => p.policy_id)).toEqual(body.policies.map((p) => p.policy_id));
      for (const p of f.policies) expect({ frame: f.frame, policy: p.policy_id, score: p.score }).toEqual({ frame: f.frame, policy: p.policy_id, score: expect.closeTo(single[f.frame % 4][p.policy_id], 4) });
      expect(Object.fromEntries(f.policies.map((p) => [p.policy_id, p.action]))).toEqual({ flagger: 'flag', blurrer: 'blur', never: 'allow' });
    }
    // `policies` is the worst frame per policy, and it names a frame of the list with that score.
    for (const p of body.policies) {
      const on = frames.map((f) => f.policies.find((x) => x.policy_id === p.policy_id)!.score);
      expect(p.score).toBe(Math.max(...on));
      expect(frames.find((f) => f.frame === p.frame)!.policies.find((x) => x.policy_id === p.policy_id)!.score).toBe(p.score);
    }

    const stored = answer(await request(http).get(`/v1/moderations/${body.id}`).set(bearer('modA')), '/v1/moderations/{id}', 'get', 200);
    expect(stored.recorded).toBe(true);
    expect(stored.frames).toEqual(body.frames);
    const items = (await request(http).get('/v1/reviews?limit=500').set(bearer('modA')).expect(200)).body.items as { id: string; moderation_id: string }[];
    const item = items.find((i) => i.moderation_id === body.id)!;
    const review = answer(await request(http).get(`/v1/reviews/${item.id}`).set(bearer('modA')), '/v1/reviews/{id}', 'get', 200);
    expect((review.record as { frames?: unknown }).frames).toEqual(body.frames);

    // Each sampled frame's blurred preview shows that frame, blurred: never the original.
    for (const f of [0, 5, 6, 11]) {
      const res = await preview(body.id, f).expect(200);
      expect(res.headers['content-type']).toBe('image/webp');
      expect(res.headers['cache-control']).toBe('private, no-store');
      const meta = await sharp(res.body as Buffer).metadata();
      expect({ frame: f, w: meta.width, h: meta.height, pages: meta.pages ?? 1 }).toEqual({ frame: f, w: 64, h: 64, pages: 1 });
      expect({ frame: f, shows: await nearestFrame(res.body as Buffer) }).toEqual({ frame: f, shows: f % 4 });
      const { data } = await sharp(res.body as Buffer).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const original = await sharp(emoji[f % 4]).ensureAlpha().raw().toBuffer();
      expect(meanAbsDiff(data, original)).toBeGreaterThan(5);
    }
  });

  it('bad frame numbers get 4xx with stable codes; a still image has no frames', async () => {
    const gif = await sharp(emoji, { join: { animated: true } }).gif().toBuffer();
    const anim = answer(await post(gif, 'image/gif'), '/v1/moderations', 'post', 200);
    expect((anim.frames as FrameRow[]).map((f) => f.frame)).toEqual([0, 1, 2, 3]);
    expect((await preview(anim.id, 3).expect(200)).headers['content-type']).toBe('image/gif');
    expect((await preview(anim.id, 4).expect(404)).body).toMatchObject({ code: 'frame_not_found', details: { frame: 4, frames: 4 } });
    for (const bad of ['-1', '1.5', 'two', '100001']) {
      const res = (await preview(anim.id, bad).expect(400)).body;
      expect({ bad, res }).toMatchObject({ bad, res: { code: 'invalid_parameter', details: { errors: expect.arrayContaining([expect.objectContaining({ field: 'frame' })]) } } });
    }

    const still = answer(await post(emoji[0], 'image/png'), '/v1/moderations', 'post', 200);
    expect(still).not.toHaveProperty('frames');
    const stored = (await request(http).get(`/v1/moderations/${still.id}`).set(bearer('modA')).expect(200)).body;
    expect(stored).not.toHaveProperty('frames');
    expect((await preview(still.id, 0).expect(400)).body).toMatchObject({ code: 'not_animated', details: { frames: 1 } });
    await preview(still.id).expect(200);
  });

  it('APNG: a frame past the default image is composited, then blurred', async () => {
    const rgba = await Promise.all(emoji.map(async (f) => ({ data: await sharp(f).ensureAlpha().raw().toBuffer(), width: 64, height: 64 })));
    const body = answer(await post(apng(rgba), 'image/png'), '/v1/moderations', 'post', 200);
    expect((body.frames as FrameRow[]).map((f) => f.frame)).toEqual([0, 1, 2, 3]);
    for (const f of [1, 3]) {
      const res = await preview(body.id, f).expect(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect({ frame: f, shows: await nearestFrame(res.body as Buffer) }).toEqual({ frame: f, shows: f });
    }
  });
});
