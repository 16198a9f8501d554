import { INestApplication } from '@nestjs/common';
import sharp from 'sharp';
import request from 'supertest';
import { sampleFrames } from '../src/media/media.service';
import { apng } from './fixtures/hostile/encoders';
import { bootApp, image } from './helpers/app';
import { createTestDatabase, TestDatabase } from './support/databases';

type Scores = Record<string, number>;

/**
 * Animated WebP and APNG (GIF is covered in moderation.e2e-spec.ts): every sampled frame is scored,
 * each policy reports its worst frame and names it. Model-independent: the expected frame and score
 * per policy come from moderating each frame on its own. The frames are ordered so that some policy's
 * worst frame is frame 2: a service that only looked at frame 0 (as libvips does for APNG) fails.
 */
describe('animations: every sampled frame is scored and the evidence names the frame', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let db: TestDatabase;
  let frames: Buffer[];
  let single: Scores[];
  let target: string;
  let gap: number;

  const moderate = (body: Buffer, type: string) => request(http).post('/v1/moderations').set('Content-Type', type).send(body).expect(200);
  const scores = (body: any): Scores => Object.fromEntries(body.policies.map((p: any) => [p.policy_id, p.score]));

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await bootApp((c) => db.storage()(c));
    http = app.getHttpServer();
    const names = ['twemoji-dog-face.png', 'twemoji-thumbs-up.png', 'twemoji-pistol.png', 'twemoji-hot-beverage.png'];
    const candidates = names.map((n) => image(n));
    const cand = await Promise.all(candidates.map(async (b) => scores((await moderate(b, 'image/png')).body)));
    // The policy whose best frame beats the runner-up by the widest margin; that frame goes to index 2.
    let best = { policy: '', frame: 0, gap: -1 };
    for (const policy of Object.keys(cand[0])) {
      const sorted = cand.map((s, i) => ({ s: s[policy], i })).sort((a, b) => b.s - a.s);
      if (sorted[0].s - sorted[1].s > best.gap) best = { policy, frame: sorted[0].i, gap: sorted[0].s - sorted[1].s };
    }
    target = best.policy;
    gap = best.gap;
    const order = [0, 1, 2, 3].filter((i) => i !== best.frame);
    order.splice(2, 0, best.frame);
    frames = order.map((i) => candidates[i]);
    single = order.map((i) => cand[i]);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  function expectWorstFramePerPolicy(body: any) {
    expect(body.image.frames).toBe(4);
    expect(body.image.frames_scored).toBe(4);
    for (const p of body.policies) {
      const per = single.map((s) => s[p.policy_id]);
      const max = Math.max(...per);
      // The named frame is the worst one (or ties with it within batching noise), and so is the score.
      expect({ policy: p.policy_id, frame: p.frame, score: per[p.frame] }).toEqual({ policy: p.policy_id, frame: p.frame, score: expect.closeTo(max, 4) });
      expect(p.score).toBeCloseTo(max, 4);
    }
    // Frame 2 is unambiguous when its lead is above batching noise (it is for any model that scores
    // these four emoji differently at all).
    expect(gap).toBeGreaterThan(1e-4);
    expect(body.policies.find((p: any) => p.policy_id === target).frame).toBe(2);
  }

  it('animated WebP', async () => {
    const webp = await sharp(frames, { join: { animated: true } }).webp({ lossless: true }).toBuffer();
    expectWorstFramePerPolicy((await moderate(webp, 'image/webp')).body);
  });

  it('APNG: frames past the default image are composited and scored', async () => {
    const rgba = await Promise.all(frames.map(async (f) => ({ data: await sharp(f).ensureAlpha().raw().toBuffer(), width: 64, height: 64 })));
    const png = apng(rgba);
    expect((await sharp(png).metadata()).pages).toBeUndefined(); // what libvips alone would see: one image
    expectWorstFramePerPolicy((await moderate(png, 'image/png')).body);
  });

  it('a long animation is sampled evenly and names the animation frame, not the sample index', async () => {
    const gif = await sharp(Array.from({ length: 100 }, (_, i) => frames[i % 4]), { join: { animated: true } }).gif().toBuffer();
    const res = await moderate(gif, 'image/gif');
    expect(res.body.image).toMatchObject({ frames: 100, frames_scored: 8 });
    const sampled = sampleFrames(100, 8);
    for (const p of res.body.policies) expect(sampled).toContain(p.frame);
    for (const r of res.body.reasons as string[]) {
      const m = / in frame (\d+)\)/.exec(r);
      if (m) expect(sampled).toContain(Number(m[1]));
    }
  });
});
