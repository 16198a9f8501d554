/** The exact signal types a bank holds besides PDQ: digests of the bytes as received. */
export type ExactSignalType = 'sha256' | 'md5';

export interface ExactMatch {
  entryId: number;
  bankId: string;
}

const HEX_LENGTH: Record<ExactSignalType, number> = { sha256: 64, md5: 32 };

/**
 * Exact hashes of all banks: one Map per signal type from the lowercase hex digest to the entries that
 * hold it (usually one; the same digest may sit in several banks). Lookups are O(1).
 */
export class ExactIndex {
  private readonly maps: Record<ExactSignalType, Map<string, ExactMatch | ExactMatch[]>> = { sha256: new Map(), md5: new Map() };
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Whether any entry of this signal type is held (intake computes MD5 only then). */
  holds(type: ExactSignalType): boolean {
    return this.maps[type].size > 0;
  }

  add(entryId: number, bankId: string, type: ExactSignalType, hex: string): void {
    const key = keyOf(type, hex);
    const map = this.maps[type];
    const entry = { entryId, bankId };
    const held = map.get(key);
    if (held === undefined) map.set(key, entry);
    else if (Array.isArray(held)) held.push(entry);
    else map.set(key, [held, entry]);
    this.count++;
  }

  /** Removes one entry; false when it is not there. */
  remove(entryId: number, type: ExactSignalType, hex: string): boolean {
    const key = keyOf(type, hex);
    const map = this.maps[type];
    const held = map.get(key);
    if (held === undefined) return false;
    if (!Array.isArray(held)) {
      if (held.entryId !== entryId) return false;
      map.delete(key);
    } else {
      const i = held.findIndex((e) => e.entryId === entryId);
      if (i < 0) return false;
      held.splice(i, 1);
      if (held.length === 1) map.set(key, held[0]);
    }
    this.count--;
    return true;
  }

  lookup(type: ExactSignalType, hex: string): ExactMatch[] {
    const held = this.maps[type].get(hex.toLowerCase());
    if (held === undefined) return [];
    return Array.isArray(held) ? [...held] : [held];
  }
}

function keyOf(type: ExactSignalType, hex: string): string {
  if (!(type in HEX_LENGTH) || hex.length !== HEX_LENGTH[type] || !/^[0-9a-fA-F]+$/.test(hex)) throw new RangeError(`a ${type} digest is ${HEX_LENGTH[type] ?? '?'} hex digits`);
  return hex.toLowerCase();
}
