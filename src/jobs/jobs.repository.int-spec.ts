import { createTestDatabase, databaseKinds, TestDatabase } from '../../test/support/databases';
import { loadConfig } from '../config/configuration';
import { Storage } from '../storage/storage';
import { JobsRepository } from './jobs.repository';

describe.each(databaseKinds())('JobsRepository on %s', (kind) => {
  let tdb: TestDatabase;
  let storage: Storage;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    storage = await Storage.open(tdb.storage()(loadConfig({})).storage);
  });
  afterAll(async () => {
    await storage?.close();
    await tdb?.drop();
  });

  it('deleteFinishedBefore deletes only finished jobs older than the cutoff', async () => {
    const job = (id: string, status: string, finished: number | null) => ({
      id, status, client: 'c', request_id: null, batch_id: null, input: null, url: null, options: '{}', attempts: 0, run_after: 0, locked_by: null, locked_until: null,
      created_at: 0, started_at: null, finished_at: finished, result: null, error: null,
    });
    await storage.db.insertInto('moderation_jobs').values([job('ok-old', 'succeeded', 10), job('bad-old', 'failed', 10), job('ok-new', 'succeeded', 5000), job('queued', 'queued', null)]).execute();
    expect(await new JobsRepository(storage).deleteFinishedBefore(storage.db, 1000)).toBe(2);
    expect((await storage.db.selectFrom('moderation_jobs').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(['ok-new', 'queued']);
  });
});
