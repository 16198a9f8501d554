import { iso } from '../records/query';
import type { Bank, BankEntry } from './banks.repository';
import type { BankView } from './dto/bank.dto';
import type { EntryView } from './dto/entry.dto';

export function bankView(b: Bank, entries: number): BankView {
  return {
    id: b.id,
    name: b.name,
    action: b.action,
    distance_threshold: b.distanceThreshold,
    min_quality: b.minQuality,
    mode: b.mode,
    enabled: b.enabled,
    dihedral: b.dihedral,
    embedding_threshold: b.embeddingThreshold,
    entries,
    created_at: iso(b.createdAt)!,
    updated_at: iso(b.updatedAt)!,
  };
}

export function entryView(e: BankEntry): EntryView {
  return {
    id: e.id,
    bank_id: e.bankId,
    signal_type: e.signalType,
    signal_value: e.value,
    labels: e.labels,
    source: e.source,
    added_by: e.addedBy,
    created_at: iso(e.createdAt)!,
    deleted_at: iso(e.deletedAt),
    moderation_id: e.moderationId,
    has_embedding: e.hasEmbedding,
  };
}

/** What the audit log keeps of an entry (no embedding). */
export const auditedEntry = (e: BankEntry) => ({ bank_id: e.bankId, signal_type: e.signalType, signal_value: e.value, labels: e.labels, source: e.source, moderation_id: e.moderationId });
