import { Action } from './decision.types';
import { mostSevere } from './scoring';

/** Which signal of the upload matched a bank entry. */
export type BankSignal = 'pdq' | 'pdq-dihedral' | 'sha256' | 'md5' | 'embedding';

/** One bank entry the upload matched, as the caller found it in the index (data in, no I/O here). */
export interface BankMatch {
  bankId: string;
  bankName: string;
  action: Exclude<Action, 'allow'>;
  mode: 'enforce' | 'shadow';
  entryId: number;
  signal: BankSignal;
  labels: string[];
  /** PDQ: Hamming distance (bits of 256) and the bank's threshold; the upload's PDQ quality. */
  distance?: number;
  threshold?: number;
  quality?: number;
  /** Dihedral PDQ: which rotation or mirror of the upload matched. */
  transform?: string;
  /** Embedding: cosine to the entry's image and the bank's threshold. */
  similarity?: number;
}

export interface WithBanks {
  decision: Action;
  reasons: string[];
  /** Enforced matches, one per bank (its closest), most severe first. */
  banks: BankMatch[];
  /** Shadow banks' matches: evidence only, never change the decision. */
  shadowBanks: BankMatch[];
}

const SIGNAL_RANK: Record<BankSignal, number> = { sha256: 0, md5: 1, pdq: 2, 'pdq-dihedral': 3, embedding: 4 };
const SEVERITY: Record<BankMatch['action'], number> = { flag: 1, blur: 2, block: 3 };

/** Exact before perceptual before embedding; then the closest. */
function better(a: BankMatch, b: BankMatch): boolean {
  if (SIGNAL_RANK[a.signal] !== SIGNAL_RANK[b.signal]) return SIGNAL_RANK[a.signal] < SIGNAL_RANK[b.signal];
  if (a.distance !== undefined && b.distance !== undefined && a.distance !== b.distance) return a.distance < b.distance;
  if (a.similarity !== undefined && b.similarity !== undefined && a.similarity !== b.similarity) return a.similarity > b.similarity;
  return a.entryId < b.entryId;
}

/** The evidence line of one match, e.g. `bank known-bad: pdq distance 4 <= 31 (entry 17, quality 100) -> block`. */
export function bankReason(m: BankMatch): string {
  const how =
    m.signal === 'sha256' || m.signal === 'md5'
      ? `${m.signal} identical`
      : m.signal === 'embedding'
        ? `embedding cosine ${m.similarity!.toFixed(4)} >= ${m.threshold}`
        : `${m.signal}${m.transform ? ` (${m.transform})` : ''} distance ${m.distance} <= ${m.threshold}${m.quality !== undefined ? `, quality ${m.quality}` : ''}`;
  const labels = m.labels.length ? `, labels ${m.labels.join(';')}` : '';
  return `bank ${m.bankName}: ${how} (entry ${m.entryId}${labels}) -> ${m.action}${m.mode === 'shadow' ? ' [shadow]' : ''}`;
}

/**
 * Joins bank matches to a decision made by the policies: the most severe action wins, each bank is
 * reported once (its best match), and shadow banks are evidence only. Pure.
 */
export function withBankMatches(decision: Action, reasons: string[], matches: readonly BankMatch[]): WithBanks {
  const best = new Map<string, BankMatch>();
  for (const m of matches) {
    const held = best.get(m.bankId);
    if (!held || better(m, held)) best.set(m.bankId, m);
  }
  const all = [...best.values()].sort((a, b) => SEVERITY[b.action] - SEVERITY[a.action] || a.bankName.localeCompare(b.bankName));
  const banks = all.filter((m) => m.mode === 'enforce');
  const shadowBanks = all.filter((m) => m.mode === 'shadow');
  return {
    decision: mostSevere([decision, ...banks.map((m) => m.action)]),
    reasons: [...banks.map(bankReason), ...reasons, ...shadowBanks.map(bankReason)],
    banks,
    shadowBanks,
  };
}
