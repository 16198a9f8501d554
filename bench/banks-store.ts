import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { BankIndex } from '../src/banks/bank-index';
import { BanksRepository, NewBankEntry } from '../src/banks/banks.repository';
import { Storage } from '../src/storage/storage';
import { createTestDatabase } from '../test/support/databases';

/**
 * Bulk import of n PDQ entries (one transaction, batched multi-row inserts on SQLite, unnest arrays on
 * PostgreSQL: a fresh database on TEST_DATABASE_URL's server), a second import of the same entries
 * (all skipped as already held), then the load of every live entry back into the index.
 */
export async function benchStore(kind: 'sqlite' | 'postgres', n: number): Promise<void> {
  const pgDb = kind === 'postgres' ? await createTestDatabase('postgres') : null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-bench-banks-'));
  const storage = await Storage.open({ dataDir, databaseUrl: pgDb?.databaseUrl ?? null, databasePoolSize: 2 });
  try {
    const repo = new BanksRepository(storage);
    const bank = await repo.createBank(storage.db, { name: 'bench', action: 'block' }, Date.now());
    const hex = (i: number) => (i.toString(16).padStart(8, '0') + 'a5c3'.repeat(14)).slice(0, 64);
    const entries: NewBankEntry[] = Array.from({ length: n }, (_, i) => ({ bankId: bank.id, signalType: 'pdq', value: hex(i), labels: ['bench'], source: 'bench', addedBy: 'bench', createdAt: Date.now() }));
    let t = performance.now();
    const inserted = await storage.transaction((trx) => repo.insertEntries(trx, entries));
    const importMs = performance.now() - t;
    t = performance.now();
    const again = await storage.transaction((trx) => repo.insertEntries(trx, entries));
    const reimportMs = performance.now() - t;
    const index = new BankIndex();
    t = performance.now();
    const loaded = await index.load((after) => repo.liveEntriesAfter(storage.db, after));
    const loadMs = performance.now() - t;
    console.log(`\n${kind}: import ${inserted} entries in ${(importMs / 1000).toFixed(1)} s; re-import (${again} new) ${(reimportMs / 1000).toFixed(1)} s; load ${loaded} into the index in ${(loadMs / 1000).toFixed(2)} s`);
  } finally {
    await storage.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    // Autovacuum may still hold the fresh database: say which one to drop rather than fail the run.
    await pgDb?.drop().catch((e: Error) => console.log(`could not drop the benchmark database (${e.message}): drop ${pgDb.databaseUrl} by hand`));
  }
}
