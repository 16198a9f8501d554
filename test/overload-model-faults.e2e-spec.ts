import { INestApplication } from '@nestjs/common';
import sharp from 'sharp';
import request from 'supertest';
import { ClipService } from '../src/clip/clip.service';
import { WorkerPool } from '../src/clip/worker-pool';
import { APP_CONFIG, AppConfig } from '../src/config/configuration';
import { bootApp, image } from './helpers/app';
import { createTestDatabase, TestDatabase } from './support/databases';

const KEYS = {
  strict: 'strict-key-0123456789',
  open: 'open-key-0123456789ab',
  blocker: 'blocker-key-012345678',
  reviewer: 'reviewer-key-01234567',
};

/** Waits for a condition by yielding to the event loop; fails (never hangs) after `ms`. */
async function until(cond: () => boolean | Promise<boolean>, ms = 15000, what = 'condition'): Promise<void> {
  const end = performance.now() + ms;
  while (!(await cond())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('model faults: dead and hung workers, deadlines, per-key failure modes', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let pool: WorkerPool;
  let db: TestDatabase;
  let anim: Buffer;
  const dog = image('twemoji-dog-face.png');

  const moderate = (key: keyof typeof KEYS, body: Buffer, type = 'image/gif') =>
    request(http).post('/v1/moderations').set('Authorization', `Bearer ${KEYS[key]}`).set('Content-Type', type).send(body);

  const ready = async () => (await request(http).get('/health/ready')).status === 200;
  // Ready, and the frames a failed request left in the queue are done: the next kill hits our batch.
  const settled = async () => {
    const s = app.get(ClipService).stats();
    return s.queueDepth === 0 && s.busyWorkers === 0 && (await ready());
  };

  /**
   * Kills the worker as the request's first batch is handed to it, as a crash mid-inference would:
   * the batch is posted to a dying worker and can never complete. (Terminating a worker thread while
   * onnxruntime-node is inside a native run aborts the whole process, so the kill lands at hand-over.)
   */
  async function killMidBatch(key: keyof typeof KEYS) {
    const original = pool.run.bind(pool);
    const spy = jest.spyOn(pool, 'run').mockImplementationOnce((job) => {
      void pool.terminateWorker(0);
      return original(job);
    });
    try {
      return await moderate(key, anim);
    } finally {
      spy.mockRestore();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await bootApp((c) =>
      db.storage()({
        ...c,
        auth: { keys: Object.entries(KEYS).map(([name, key]) => ({ name, key, roles: ['ingest'] })) },
        // Small batches: a 16-frame animation keeps a worker busy over several runs.
        clip: { ...c.clip, maxBatchSize: 4, maxBatchWaitMs: 0 },
        media: { ...c.media, sampledFrames: 16 },
        reliability: { ...c.reliability, failureModes: { '*': 'error', open: 'open', blocker: 'block', reviewer: 'review' } },
      }),
    );
    http = app.getHttpServer();
    pool = app.get(ClipService).workerPoolForTests!;
    const names = ['twemoji-dog-face.png', 'twemoji-pistol.png', 'twemoji-beer.png', 'twemoji-skull.png'];
    anim = await sharp(Array.from({ length: 16 }, (_, i) => image(names[i % 4])), { join: { animated: true } }).gif().toBuffer();
    await moderate('strict', anim).expect(200);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('a worker killed mid-batch fails its request with 503 model_unavailable, is replaced, and service continues', async () => {
    const res = await killMidBatch('strict');
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('model_unavailable');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await until(ready, 15000, 'the replacement worker');
    const after = await moderate('strict', dog, 'image/png').expect(200);
    expect(after.body.unscreened).toBeUndefined();
    expect(after.body.policies.length).toBeGreaterThan(0);
  });

  it.each([
    ['open', 'allow'],
    ['blocker', 'block'],
    ['reviewer', 'flag'],
  ] as const)('key "%s" gets a 200 %s marked unscreened when the model dies under its request', async (key, decision) => {
    await until(settled, 15000, 'a ready, idle engine');
    const res = await killMidBatch(key);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ decision, unscreened: true, failure: { code: 'model_unavailable' }, policies: [] });
    expect(res.body.reasons[0]).toMatch(/^unscreened: model_unavailable/);
    expect(res.body.image.sha256).toMatch(/^[0-9a-f]{64}$/);
    await until(ready, 15000, 'the replacement worker');
  });

  it('a hung worker is detached by the watchdog and replaced; its request gets a clear 503', async () => {
    await until(ready, 15000, 'a ready worker');
    // No real model run finishes in 1 ms here: every batch now looks hung.
    pool.jobTimeoutMs = 1;
    try {
      const res = await moderate('strict', anim);
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('model_unavailable');
      expect(res.body.message).toMatch(/ran over 1 ms and was replaced/);
    } finally {
      pool.jobTimeoutMs = 60000;
    }
    await until(ready, 15000, 'the replacement worker');
    await moderate('strict', dog, 'image/png').expect(200);
  });

  it('a request past its deadline gets 503 deadline_exceeded, or its failure mode', async () => {
    const cfg = app.get<AppConfig>(APP_CONFIG);
    const old = cfg.reliability.deadlineMs;
    cfg.reliability.deadlineMs = 1;
    try {
      const strict = await moderate('strict', anim);
      expect(strict.status).toBe(503);
      expect(strict.body.code).toBe('deadline_exceeded');
      const open = await moderate('open', anim).expect(200);
      expect(open.body).toMatchObject({ decision: 'allow', unscreened: true, failure: { code: 'deadline_exceeded', mode: 'open' } });
    } finally {
      cfg.reliability.deadlineMs = old;
    }
    await moderate('strict', anim).expect(200);
  });

  it('overload is not a model fault: it stays a 503 with Retry-After even for a fail-open key', async () => {
    const clip = app.get(ClipService) as unknown as { opts: { maxQueue: number } };
    const old = clip.opts.maxQueue;
    clip.opts.maxQueue = 1;
    try {
      const res = await moderate('open', anim);
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('overloaded');
      expect(res.headers['retry-after']).toBe('1');
    } finally {
      clip.opts.maxQueue = old;
    }
  });
});
