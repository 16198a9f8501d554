import { INestApplication } from '@nestjs/common';
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { AppError } from '../src/common/app-error';
import { LeaseLostError, ModerationCommit } from '../src/jobs/moderation-commit.service';
import { ModerationService } from '../src/moderation/moderation.service';
import type { Moderated } from '../src/moderation/moderation.types';
import { Storage } from '../src/storage/storage';
import { image } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { bearer, bootReviewApp } from './support/review-app';
import { waitFor } from './support/wait';

const DOG = image('twemoji-dog-face.png');
const PISTOL = image('twemoji-pistol.png');

/**
 * The one commit of a moderation (src/jobs/moderation-commit.service.ts): the record (when
 * RECORD_MODE keeps it), its events and the job's finish or the Idempotency-Key answer commit
 * together or not at all. The app runs with RECORD_MODE=non-allow, so an allow is not recorded and a
 * flag is (with its image kept).
 */
describe.each(databaseKinds())('the moderation commit on %s', (kind) => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    app = await bootReviewApp(db, { recordMode: 'non-allow', keepImages: ['flag'] });
    http = app.getHttpServer();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const sql = () => app.get(Storage).db;
  const eventsOf = async (id: string) =>
    (await sql().selectFrom('outbox_events').select(['type', 'payload']).execute())
      .filter((e) => (JSON.parse(e.payload) as { data: { moderation_id?: string } }).data.moderation_id === id)
      .map((e) => e.type)
      .sort();
  const recorded = async (id: string) => (await sql().selectFrom('moderation_records').select('id').where('id', '=', id).execute()).length > 0;
  const blobsOf = (id: string) => {
    const dir = path.join(db.dataDir, 'blobs');
    return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => path.basename(f).startsWith(id)) : [];
  };
  /** A finished moderation, not committed: what moderate() hands to its commit. */
  const moderated = async (id: string, img: Buffer, policy: string): Promise<Moderated> => {
    let out: Moderated | undefined;
    await app.get(ModerationService).moderate(img, { id, blur: 'none', policies: [policy], client: 'uploader', requestId: `req-${id}` }, async (m) => {
      out = m;
    });
    return out!;
  };
  /** A running job another instance holds (its lease is live): ours was lost. */
  const heldElsewhere = (id: string, img: Buffer) =>
    sql()
      .insertInto('moderation_jobs')
      .values({ id, status: 'running', client: 'uploader', request_id: null, batch_id: null, input: img, url: null, options: '{"blur":"none"}', attempts: 1, run_after: 0, locked_by: 'another-instance', locked_until: Date.now() + 3600_000, created_at: Date.now(), started_at: Date.now(), finished_at: null, result: null, error: null })
      .execute();

  it('an allow that RECORD_MODE=non-allow does not record still commits its events and its idempotent answer (sync) and its job (async)', async () => {
    // A shadow bank that matches the dog: evidence only, so the decision stays allow, and bank.match is due.
    const bank = (await request(http).post('/v1/banks').set(bearer('policyAdmin')).send({ name: 'dogs-watch', action: 'block', mode: 'shadow', embedding_threshold: null }).expect(201)).body;
    await request(http).post(`/v1/banks/${bank.id}/entries/image`).set(bearer('policyAdmin')).set('Content-Type', 'image/png').send(DOG).expect(201);

    const post = () => request(http).post('/v1/moderations?policies=never').set(bearer('ingest')).set('Idempotency-Key', 'commit-allow').set('Content-Type', 'image/png').send(DOG);
    const first = (await post().expect(200)).body;
    expect(first).toMatchObject({ decision: 'allow', shadow_banks: [expect.objectContaining({ bank: 'dogs-watch', mode: 'shadow' })] });
    expect(await recorded(first.id)).toBe(false);
    expect(await eventsOf(first.id)).toEqual(['bank.match', 'moderation.completed']);
    const again = await post().expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.id);

    const queued = (await request(http).post('/v1/moderations?policies=never').set(bearer('ingest')).set('Prefer', 'respond-async').set('Content-Type', 'image/png').send(DOG).expect(202)).body;
    const job = await waitFor('job done', async () => {
      const j = (await request(http).get(`/v1/moderations/${queued.id}`).set(bearer('ingest')).expect(200)).body;
      return j.status === 'succeeded' && j;
    });
    expect(job).toMatchObject({ recorded: false, result: expect.objectContaining({ decision: 'allow' }) });
    expect(await recorded(queued.id)).toBe(false);
    expect(await eventsOf(queued.id)).toEqual(['bank.match', 'moderation.completed']);
  });

  it.each([
    ['a recorded flag, its image kept', PISTOL, 'flagger', '00000000-0000-4000-8000-00000000c001'],
    ['an allow RECORD_MODE does not record', DOG, 'never', '00000000-0000-4000-8000-00000000c002'],
  ])('a job whose lease was lost rolls everything back: %s', async (_what, img, policy, id) => {
    const m = await moderated(id, img, policy);
    expect(m.body.decision).toBe(policy === 'flagger' ? 'flag' : 'allow');
    await heldElsewhere(id, img);
    await expect(app.get(ModerationCommit).commit(m, { job: id })).rejects.toBeInstanceOf(LeaseLostError);
    expect(await recorded(id)).toBe(false);
    expect(await eventsOf(id)).toEqual([]);
    expect(blobsOf(id)).toEqual([]);
    expect(await sql().selectFrom('moderation_jobs').select(['status', 'locked_by', 'result']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'running', locked_by: 'another-instance', result: null });
  });

  it('a job that another instance took over and committed keeps that commit, kept image included', async () => {
    const id = '00000000-0000-4000-8000-00000000c004';
    const m = await moderated(id, PISTOL, 'flagger');
    await heldElsewhere(id, PISTOL);
    // The other instance ran the job to the end (the same id, the same image) and committed it.
    await app.get(ModerationCommit).commit(m, {});
    await sql().updateTable('moderation_jobs').set({ status: 'succeeded', locked_by: null, locked_until: null, finished_at: Date.now() }).where('id', '=', id).execute();
    const kept = blobsOf(id);
    expect(kept).toHaveLength(1);
    // Ours comes late: it rolls back, and takes nothing of theirs with it.
    await expect(app.get(ModerationCommit).commit(m, { job: id })).rejects.toBeInstanceOf(LeaseLostError);
    expect(blobsOf(id)).toEqual(kept);
    expect(await eventsOf(id)).toEqual(['moderation.completed']);
    expect((await request(http).get(`/v1/moderations/${id}`).set(bearer('ingest')).expect(200)).body).toMatchObject({ decision: 'flag', image: expect.objectContaining({ kept: true }) });
  });

  it('a commit that fails writes none of it: its events roll back with its record', async () => {
    const id = '00000000-0000-4000-8000-00000000c003';
    const m = await moderated(id, PISTOL, 'flagger');
    await app.get(ModerationCommit).commit(m, {});
    expect(await recorded(id)).toBe(true);
    expect(await eventsOf(id)).toEqual(['moderation.completed']);
    expect(blobsOf(id)).toHaveLength(1);
    // The same moderation again: its record exists, so the second commit fails, and its events roll back with it.
    const failed = await app.get(ModerationCommit).commit(m, {}).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    expect(failed).toMatchObject({ code: 'internal_error', details: { moderation_id: id } });
    expect(await eventsOf(id)).toEqual(['moderation.completed']);
    expect(blobsOf(id)).toHaveLength(1);
  });
});
