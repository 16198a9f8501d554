import { INestApplication } from '@nestjs/common';
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { PolicyLabService } from '../src/policies/authoring/policy-lab.service';
import { POLICY_DOCUMENT } from '../src/policies/authoring/request-body';
import { bootApp, FIXTURES, image } from './helpers/app';
import { bearer, KEYS } from './support/review-app';
import { writeTar } from './support/tar-writer';

const DRAFT = fs.readFileSync(path.join(FIXTURES, 'policies', 'authoring-default.yaml'), 'utf8');
const PISTOL = image('twemoji-pistol.png');
const SAMPLES = path.join(FIXTURES, 'samples');
// Above the policy document limit (2 MiB), which preview's file parts may also reach.
const MEDIA_MAX_BYTES = 3 * 1024 * 1024;

/**
 * POST /v1/policies/preview takes one image: it is held to MEDIA_MAX_BYTES while it streams in, as
 * POST /v1/moderations holds one, not to the archive limit (POLICY_EVAL_MAX_BYTES, 200 MiB) that
 * POST /v1/policies/evaluate keeps for its samples.
 */
describe('policy preview upload limits', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  const admin = bearer('policyAdmin');

  beforeAll(async () => {
    app = await bootApp((c) => ({ ...c, auth: { keys: Object.values(KEYS) }, media: { ...c.media, maxBytes: MEDIA_MAX_BYTES } }));
    http = app.getHttpServer();
    expect(MEDIA_MAX_BYTES).toBeGreaterThan(POLICY_DOCUMENT.textLimit);
  });
  afterAll(() => app?.close());
  afterEach(() => jest.restoreAllMocks());

  it('an image over MEDIA_MAX_BYTES is refused while it streams in (413 payload_too_large, as /v1/moderations): the route never holds it', async () => {
    const preview = jest.spyOn(app.get(PolicyLabService), 'preview');
    const big = Buffer.concat([PISTOL, Buffer.alloc(MEDIA_MAX_BYTES + 1 - PISTOL.length)]);
    const res = await request(http).post('/v1/policies/preview').set(admin).field('policy', DRAFT).attach('image', big, 'big.png').expect(413);
    // Refused by the upload limit, not by intake after the whole file was buffered ("image is N bytes; the limit is M", with details).
    expect(res.body).toEqual({ code: 'payload_too_large', message: expect.any(String), requestId: expect.any(String) });
    expect(preview).not.toHaveBeenCalled();

    // The very refusal POST /v1/moderations gives the same upload.
    const moderation = await request(http).post('/v1/moderations').set(bearer('ingest')).attach('image', big, 'big.png').expect(413);
    expect(moderation.body).toEqual({ ...res.body, requestId: expect.any(String) });
  });

  it('an image within the limit is previewed, the draft given as a file part too', async () => {
    const res = await request(http).post('/v1/policies/preview').set(admin).attach('policy', Buffer.from(DRAFT), 'draft.yaml').attach('image', PISTOL, 'pistol.png').expect(200);
    expect(res.body).toMatchObject({ frames_scored: 1, draft: expect.objectContaining({ decision: expect.any(String) }) });
  });

  it('a draft file part over the policy document limit is refused (413 payload_too_large)', async () => {
    const huge = Buffer.concat([Buffer.from(DRAFT), Buffer.alloc(POLICY_DOCUMENT.textLimit, '#')]);
    expect((await request(http).post('/v1/policies/preview').set(admin).attach('policy', huge, 'draft.yaml').attach('image', PISTOL, 'pistol.png').expect(413)).body.code).toBe('payload_too_large');
  });

  it('evaluate still takes a samples archive larger than MEDIA_MAX_BYTES', async () => {
    const entries = ['weapons', 'none'].flatMap((label) =>
      fs
        .readdirSync(path.join(SAMPLES, label))
        .filter((f) => f.endsWith('.png'))
        .slice(0, 3)
        .map((f) => ({ path: `samples/${label}/${f}`, data: fs.readFileSync(path.join(SAMPLES, label, f)) })),
    );
    // A member that is not an image (skipped) makes the archive larger than an image may be.
    entries.push({ path: 'samples/README.md', data: Buffer.alloc(MEDIA_MAX_BYTES, 'x') });
    const tar = writeTar(entries);
    expect(tar.length).toBeGreaterThan(MEDIA_MAX_BYTES);
    const res = await request(http).post('/v1/policies/evaluate').set(admin).attach('samples', tar, 'samples.tar').expect(200);
    expect(res.body).toMatchObject({ source: 'archive', skipped: expect.arrayContaining([expect.stringContaining('README.md')]) });
  });
});
