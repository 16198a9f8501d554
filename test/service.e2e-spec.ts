import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ClipService } from '../src/clip/clip.service';
import { bootApp, image } from './helpers/app';

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('health, metrics, embeddings, policies (real app)', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;

  beforeAll(async () => {
    app = await bootApp((c) => ({ ...c, clip: { ...c.clip, maxBatchSize: 512, maxBatchWaitMs: 20, maxQueue: 1024 } }));
    http = app.getHttpServer();
  });
  afterAll(() => app.close());

  it('reports liveness and readiness with the model and policy set', async () => {
    await request(http).get('/health/live').expect(200, { status: 'ok', info: {}, error: {}, details: {} });
    const ready = await request(http).get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.info.model.id).toBe('emoji-clip-demo');
    expect(ready.body.info.policies.policies).toBeGreaterThanOrEqual(7);
  });

  it('answers /health/live while a large batch is being embedded', async () => {
    // One big batch: 512 images in a single ONNX run, which would block the event loop for its
    // whole duration if inference ran on the HTTP thread.
    const clip = app.get(ClipService);
    const inputs = Array.from({ length: 512 }, (_, i) => ({ data: image(i % 2 ? 'twemoji-pistol.png' : 'twemoji-dog-face.png') }));
    let batchMs = 0;
    clip.onBatch = (size, ms) => {
      if (size > 1) batchMs = Math.max(batchMs, ms);
    };
    let done = false;
    const batch = clip.embedImages(inputs).then(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const t = performance.now();
      await request(http).get('/health/live').expect(200);
      if (!done) latencies.push(performance.now() - t);
    }
    await batch;
    expect(batchMs).toBeGreaterThan(50);
    expect(latencies.length).toBeGreaterThanOrEqual(2);
    // Liveness competes only with sharp callbacks on the main thread, never with a model run: on the
    // HTTP thread every probe issued during the run would wait for all of it. (Median, not max: on a
    // loaded 2-core CI box one probe may queue behind the 512 preprocessing callbacks.)
    latencies.sort((a, b) => a - b);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(batchMs / 2);
  });

  it('embeds texts and images into normalised vectors of the projection dimension', async () => {
    const texts = await request(http).post('/v1/embeddings').send({ texts: ['an emoji of a pistol', 'a gun', 'a dog'] }).expect(200);
    expect(texts.body.model.id).toBe('emoji-clip-demo');
    const [pistol, gun, dog] = texts.body.data.map((d: any) => d.embedding as number[]);
    expect(pistol.length).toBe(texts.body.model.dim);
    expect(dot(pistol, pistol)).toBeCloseTo(1, 4);
    const img = await request(http).post('/v1/embeddings').set('Content-Type', 'image/png').send(image('twemoji-dog-face.png')).expect(200);
    const v = img.body.data[0].embedding as number[];
    expect(v.length).toBe(texts.body.model.dim);
    expect(dot(v, v)).toBeCloseTo(1, 4);
    expect(Number.isFinite(dot(v, gun))).toBe(true);
    expect(dot(pistol, dog)).toBeLessThan(0.9999);
  });

  it('rejects bad embedding requests with stable codes', async () => {
    expect((await request(http).post('/v1/embeddings').send({ texts: [] }).expect(400)).body.code).toBe('invalid_parameter');
    expect((await request(http).post('/v1/embeddings').send({ texts: [42] }).expect(400)).body.code).toBe('invalid_parameter');
    expect((await request(http).post('/v1/embeddings').send({}).expect(400)).body.code).toBe('missing_image');
  });

  it('lists the active policy set', async () => {
    const res = await request(http).get('/v1/policies').expect(200);
    expect(res.body.version).toMatch(/^[0-9a-f]{8,64}$/);
    const ids = res.body.policies.map((p: any) => p.id);
    for (const id of ['weapons', 'drugs', 'alcohol', 'tobacco', 'gore-death', 'gambling', 'offensive-gestures']) expect(ids).toContain(id);
    expect(res.body.prompt_count).toBeGreaterThan(7);
    expect(Object.keys(res.body)).toEqual(expect.arrayContaining(['model_id', 'compiled_at']));
  });

  it('exports Prometheus metrics including request latency, decisions and batch sizes', async () => {
    await request(http).post('/v1/moderations').set('Content-Type', 'image/png').send(image('twemoji-beer.png')).expect(200);
    const res = await request(http).get('/metrics').expect(200);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{.*route="\/v1\/moderations"/);
    expect(res.text).toMatch(/moderation_decisions_total\{decision="(allow|flag|blur|block)"\} \d+/);
    expect(res.text).toMatch(/clip_batch_size_count \d+/);
    expect(res.text).toMatch(/clip_model_load_seconds\{model="emoji-clip-demo"\}/);
    expect(res.text).toContain('policy_reload_errors_total');
  });

  it('answers unknown routes with the common error shape', async () => {
    const res = await request(http).get('/v1/nothing-here').expect(404);
    expect(res.body.code).toBe('not_found');
  });
});

describe('API keys and roles', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  const uploader = 'uploader-secret-0123456789';
  const author = 'author-secret-0123456789ab';

  beforeAll(async () => {
    app = await bootApp((c) => ({
      ...c,
      auth: { keys: [{ name: 'uploads', key: uploader, roles: ['ingest'] }, { name: 'authors', key: author, roles: ['policy-admin'] }] },
    }));
    http = app.getHttpServer();
  });
  afterAll(() => app.close());

  it('requires a key, checks its role, and reports the client name', async () => {
    const img = image('twemoji-dog-face.png');
    expect((await request(http).post('/v1/moderations').set('Content-Type', 'image/png').send(img).expect(401)).body.code).toBe('unauthorized');
    expect((await request(http).post('/v1/moderations').set('Authorization', 'Bearer wrong-key-000000000000').set('Content-Type', 'image/png').send(img).expect(401)).body.code).toBe('unauthorized');
    expect((await request(http).post('/v1/moderations').set('X-API-Key', author).set('Content-Type', 'image/png').send(img).expect(403)).body.code).toBe('forbidden');
    const ok = await request(http).post('/v1/moderations').set('Authorization', `Bearer ${uploader}`).set('Content-Type', 'image/png').send(img).expect(200);
    expect(ok.body.client).toBe('uploads');
    await request(http).get('/health/live').expect(200);
  });
});
