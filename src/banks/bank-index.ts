import { ExactIndex, ExactMatch } from './exact-index';
import { PdqIndex, PdqMatch } from './pdq-index';
import type { SignalType } from './signal-format';

/** A live entry as the index needs it (the repository's IndexedEntry). */
export interface IndexEntry {
  id: number;
  bankId: string;
  signalType: SignalType;
  value: string;
}

/**
 * Every live entry of every bank, in memory: PDQ hashes in the scan index, SHA-256 and MD5 in maps.
 * Filled page by page from the database in id order, then kept current by adding what is new (ids
 * above `lastId`) and removing what was deleted.
 */
export class BankIndex {
  readonly pdq: PdqIndex;
  readonly exact = new ExactIndex();
  /** The highest entry id added: where following the database's additions resumes. */
  lastId = 0;
  /** Sum of the ids held: with the size, what an instance compares with the database to notice a missed change. */
  idSum = 0;

  constructor(opts: { capacity?: number; useKernel?: boolean } = {}) {
    this.pdq = new PdqIndex(opts);
  }

  get size(): number {
    return this.pdq.size + this.exact.size;
  }

  /** Loads every page `page(afterId)` returns (in id order) until one comes back empty; returns how many were added. */
  async load(page: (afterId: number) => Promise<readonly IndexEntry[]>): Promise<number> {
    let added = 0;
    for (;;) {
      const entries = await page(this.lastId);
      if (!entries.length) return added;
      for (const e of entries) if (this.add(e)) added++;
    }
  }

  /** Adds an entry not yet held; false when its id is already there. */
  add(e: IndexEntry): boolean {
    // Ids above lastId cannot be held yet: loading and following additions skip the look-up.
    const fresh = e.id > this.lastId;
    if (e.signalType === 'pdq') {
      if (!fresh && this.pdq.has(e.id)) return false;
      this.pdq.addHex(e.id, e.bankId, e.value);
    } else {
      if (!fresh && this.exact.lookup(e.signalType, e.value).some((m) => m.entryId === e.id)) return false;
      this.exact.add(e.id, e.bankId, e.signalType, e.value);
    }
    if (e.id > this.lastId) this.lastId = e.id;
    this.idSum += e.id;
    return true;
  }

  remove(e: IndexEntry): boolean {
    const removed = e.signalType === 'pdq' ? this.pdq.remove(e.id) : this.exact.remove(e.id, e.signalType, e.value);
    if (removed) this.idSum -= e.id;
    return removed;
  }

  matchPdq(hash: Uint8Array, maxDistance: number): PdqMatch[] {
    return this.pdq.query(hash, maxDistance);
  }

  matchExact(type: 'sha256' | 'md5', hex: string): ExactMatch[] {
    return this.exact.lookup(type, hex);
  }
}
