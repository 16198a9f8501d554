import { createTestDatabase, databaseKinds, TestDatabase } from '../../test/support/databases';
import { loadConfig } from '../config/configuration';
import { Storage } from '../storage/storage';
import { BankIndex } from './bank-index';
import { BanksRepository, NewBankEntry } from './banks.repository';

const hex = (i: number, len = 64) => i.toString(16).padStart(len, '0');

describe.each(databaseKinds())('banks repository on %s', (kind) => {
  let db: TestDatabase;
  let storage: Storage;
  let repo: BanksRepository;
  const now = 1_800_000_000_000;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    storage = await Storage.open(db.storage()(loadConfig({})).storage);
    repo = new BanksRepository(storage);
  });
  afterAll(async () => {
    await storage?.close();
    await db?.drop();
  });

  it('creates banks with the documented defaults, finds, lists and updates them', async () => {
    const bank = await repo.createBank(storage.db, { name: 'csam-known', action: 'block' }, now);
    expect(bank).toMatchObject({ name: 'csam-known', action: 'block', distanceThreshold: 31, minQuality: 50, mode: 'enforce', enabled: true, createdAt: now, updatedAt: now });
    expect(await repo.getBankByName(storage.db, 'csam-known')).toEqual(bank);
    const other = await repo.createBank(storage.db, { name: 'a-memes', action: 'flag', distanceThreshold: 20, minQuality: 70, mode: 'shadow', enabled: false }, now);
    expect((await repo.listBanks(storage.db)).map((b) => b.name)).toEqual(['a-memes', 'csam-known']);
    const updated = await repo.updateBank(storage.db, other.id, { mode: 'enforce', enabled: true, distanceThreshold: 10 }, now + 5);
    expect(updated).toMatchObject({ mode: 'enforce', enabled: true, distanceThreshold: 10, minQuality: 70, createdAt: now, updatedAt: now + 5 });
    // Names are unique: a second bank of the same name is never stored.
    await repo.createBank(storage.db, { name: 'csam-known', action: 'flag' }, now).catch(() => undefined);
    expect((await repo.listBanks(storage.db)).filter((b) => b.name === 'csam-known')).toEqual([bank]);
  });

  it('bulk-inserts in batches, skips values a bank already holds, soft-deletes, and loads the live entries into the index', async () => {
    const a = await repo.createBank(storage.db, { name: 'bulk-a', action: 'block' }, now);
    const b = await repo.createBank(storage.db, { name: 'bulk-b', action: 'flag' }, now);
    const entry = (bankId: string, i: number, signalType: NewBankEntry['signalType'] = 'pdq'): NewBankEntry => ({
      bankId, signalType, value: hex(i, signalType === 'md5' ? 32 : 64), labels: ['spam', `n${i % 3}`], source: 'import', addedBy: 'alice', createdAt: now,
    });
    // More rows than one batch (and enough for the PostgreSQL ANALYZE); a duplicate within the import; one value in both banks.
    const entries = [...Array.from({ length: 10_500 }, (_, i) => entry(a.id, i)), entry(a.id, 7), entry(b.id, 7), entry(b.id, 1, 'sha256'), entry(b.id, 2, 'md5')];
    expect(await storage.transaction((trx) => repo.insertEntries(trx, entries))).toBe(10_503);
    expect(await storage.transaction((trx) => repo.insertEntries(trx, entries))).toBe(0);
    expect(await repo.countEntries(storage.db, a.id)).toBe(10_500);

    const held = (await repo.findEntry(storage.db, a.id, 'pdq', hex(7)))!;
    expect(held).toMatchObject({ bankId: a.id, signalType: 'pdq', value: hex(7), labels: ['spam', 'n1'], source: 'import', addedBy: 'alice', createdAt: now, deletedAt: null });
    expect(await repo.getEntry(storage.db, held.id)).toEqual(held);

    const deleted = await repo.softDeleteEntry(storage.db, held.id, now + 10);
    expect(deleted).toEqual(held);
    expect(await repo.softDeleteEntry(storage.db, held.id, now + 11)).toBeUndefined();
    expect(await repo.getEntry(storage.db, held.id)).toMatchObject({ deletedAt: now + 10 });
    expect((await repo.entriesDeletedSince(storage.db, now + 10)).map((e) => e.id)).toEqual([held.id]);
    expect(await repo.entriesDeletedSince(storage.db, now + 11)).toEqual([]);
    // Once deleted, the value may be banked again (a new entry).
    expect(await storage.transaction((trx) => repo.insertEntries(trx, [entry(a.id, 7)]))).toBe(1);

    // Export pages: one bank, live only, id order.
    const page1 = await repo.listEntries(storage.db, b.id, 0, 2);
    const page2 = await repo.listEntries(storage.db, b.id, page1[1].id, 2);
    expect([...page1, ...page2].map((e) => [e.signalType, e.value])).toEqual([['pdq', hex(7)], ['sha256', hex(1)], ['md5', hex(2, 32)]]);

    // The index loads by pages and holds exactly the live entries.
    const index = new BankIndex();
    const pages: number[] = [];
    const loaded = await index.load(async (after) => {
      const page = await repo.liveEntriesAfter(storage.db, after, 2500);
      pages.push(page.length);
      return page;
    });
    expect(loaded).toBe(10_503);
    expect(pages).toEqual([2500, 2500, 2500, 2500, 503, 0]);
    const q = Buffer.from(hex(7), 'hex');
    expect(index.matchPdq(q, 0).map((m) => m.bankId).sort()).toEqual([a.id, b.id].sort());
    expect(index.matchPdq(q, 0).map((m) => m.entryId)).not.toContain(held.id);
    expect(index.matchExact('sha256', hex(1).toUpperCase())).toEqual([{ entryId: expect.any(Number), bankId: b.id }]);
    expect(index.matchExact('md5', hex(2, 32))).toHaveLength(1);
    // Following additions: only what is new since the last id loaded.
    await storage.transaction((trx) => repo.insertEntries(trx, [entry(b.id, 99_999)]));
    expect(await index.load((after) => repo.liveEntriesAfter(storage.db, after))).toBe(1);
    expect(index.matchPdq(Buffer.from(hex(99_999), 'hex'), 0)).toEqual([{ entryId: index.lastId, bankId: b.id, distance: 0 }]);
  });
});
