import { createTestDatabase, TestDatabase } from '../../test/support/databases';
import { loadConfig } from '../config/configuration';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { BankMatcher, UploadSignals } from './bank-matcher.service';
import { BanksRepository } from './banks.repository';
import type { PdqHash } from './pdq';

/** A PDQ hash `flips` bits away from all-0x0f. */
function pdq(flips: number, quality = 100): PdqHash {
  const b = Buffer.alloc(32, 0x0f);
  for (let i = 0; i < flips; i++) b[i >> 3] ^= 0x80 >> (i & 7);
  return { hash: b, hex: b.toString('hex'), quality };
}
const BASE = pdq(0).hex;
const unit = (i: number, n = 8) => Float32Array.from({ length: n }, (_, k) => (k === i ? 1 : 0));

/** Per-bank judgement of index hits, on a real database (SQLite). */
describe('BankMatcher', () => {
  let db: TestDatabase;
  let storage: Storage;
  let repo: BanksRepository;
  let matcher: BankMatcher;
  const now = 1_800_000_000_000;
  const signals = (over: Partial<UploadSignals>): UploadSignals => ({ sha256: 'aa'.repeat(32), md5: 'bb'.repeat(16), pdq: null, ...over });

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const config = db.storage()(loadConfig({}));
    storage = await Storage.open(config.storage);
    repo = new BanksRepository(storage);
    const tight = await repo.createBank(storage.db, { name: 'tight', action: 'block', distanceThreshold: 4, embeddingThreshold: null }, now);
    const loose = await repo.createBank(storage.db, { name: 'loose', action: 'flag', distanceThreshold: 31, minQuality: 90, embeddingThreshold: 0.9 }, now);
    const off = await repo.createBank(storage.db, { name: 'off', action: 'blur', enabled: false }, now);
    for (const b of [tight, loose, off]) await repo.insertEntry(storage.db, { bankId: b.id, signalType: 'pdq', value: BASE, labels: [b.name], source: null, addedBy: 't', createdAt: now, embedding: unit(0) });
    await repo.insertEntry(storage.db, { bankId: tight.id, signalType: 'md5', value: 'bb'.repeat(16), labels: [], source: null, addedBy: 't', createdAt: now });
    matcher = new BankMatcher({ ...config, policies: { ...config.policies, syncSeconds: 0 } }, storage, repo, new Clock());
    await matcher.onModuleInit();
  });
  afterAll(async () => {
    matcher?.onModuleDestroy();
    await storage?.close();
    await db?.drop();
  });

  it("judges each PDQ hit by its own bank's distance and minimum quality; a disabled bank matches nothing", async () => {
    const near = await matcher.match(signals({ md5: '', pdq: pdq(3) }));
    expect(near.map((m) => [m.bankName, m.distance, m.labels]).sort()).toEqual([['loose', 3, ['loose']], ['tight', 3, ['tight']]]);
    expect((await matcher.match(signals({ md5: '', pdq: pdq(20) }))).map((m) => m.bankName)).toEqual(['loose']);
    expect(await matcher.match(signals({ md5: '', pdq: pdq(20, 80) }))).toEqual([]); // under loose's minimum quality 90
    expect(await matcher.match(signals({ md5: '', pdq: pdq(40) }))).toEqual([]);
  });

  it('matches exact hashes and embeddings by each bank\'s threshold', async () => {
    expect((await matcher.match(signals({}))).map((m) => [m.bankName, m.signal])).toEqual([['tight', 'md5']]);
    const e = await matcher.matchEmbedding(unit(0));
    expect(e.map((m) => [m.bankName, m.signal, m.similarity])).toEqual([['loose', 'embedding', 1]]);
    expect(await matcher.matchEmbedding(Float32Array.from([0.8, 0.6, 0, 0, 0, 0, 0, 0]))).toEqual([]);
  });

  it('follows deletions and setting changes on sync', async () => {
    const tight = (await repo.getBankByName(storage.db, 'tight'))!;
    const entry = (await repo.findEntry(storage.db, tight.id, 'md5', 'bb'.repeat(16)))!;
    await repo.softDeleteEntry(storage.db, entry.id, Date.now());
    // Stamped earlier than the bank's creation (another instance's clock behind): still seen.
    await repo.updateBank(storage.db, tight.id, { distanceThreshold: 31 }, now - 60_000);
    await matcher.sync();
    expect(await matcher.match(signals({}))).toEqual([]);
    expect((await matcher.match(signals({ md5: '', pdq: pdq(20) }))).map((m) => m.bankName).sort()).toEqual(['loose', 'tight']);
    expect(matcher.stats()).toMatchObject({ pdq: 3, exact: 0, banks: 3 });
  });

  it('rebuilds when a deletion stamped long ago slipped past it, even with an addition making the count equal', async () => {
    const loose = (await repo.getBankByName(storage.db, 'loose'))!;
    const held = (await repo.findEntry(storage.db, loose.id, 'pdq', BASE))!;
    await repo.softDeleteEntry(storage.db, held.id, 1_000); // a clock far behind: before any "deleted since"
    await repo.insertEntry(storage.db, { bankId: loose.id, signalType: 'sha256', value: 'cc'.repeat(32), labels: [], source: null, addedBy: 't', createdAt: now });
    await matcher.sync();
    expect(matcher.stats()).toMatchObject({ pdq: 2, exact: 1 });
    expect((await matcher.match(signals({ md5: '', pdq: pdq(3) }))).map((m) => m.bankName)).toEqual(['tight']);
  });
});
