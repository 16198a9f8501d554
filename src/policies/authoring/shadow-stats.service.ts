import { Injectable } from '@nestjs/common';
import { shadowStats, ShadowStats } from '../evaluation/shadow-stats';
import { PolicyRegistry } from '../policy-registry.service';
import { PolicyHistoryReader } from './history-reader';

const DAY = 24 * 3600 * 1000;
const MAX_RECORDS = 100_000;

/** Shadow-mode statistics over recorded moderations (newest first, at most 100k per request). */
@Injectable()
export class ShadowStatsService {
  constructor(
    private readonly registry: PolicyRegistry,
    private readonly history: PolicyHistoryReader,
  ) {}

  /** `from`/`to` in epoch ms (validated by the route's DTO); default: the 7 days before now. */
  async stats(fromMs?: number, toMs?: number, policySetVersion?: string): Promise<ShadowStats & { truncated: boolean; policy_set_version: string | null; note?: string }> {
    const to = toMs ?? Date.now() + 1;
    const from = fromMs ?? to - 7 * DAY;
    const ids = this.registry.current().policies.filter((p) => p.mode === 'shadow').map((p) => p.id);
    const records = await this.history.recordedEvidence({ from, to, limit: MAX_RECORDS, policySetVersion });
    // Newest first: a truncated window covers its most recent part.
    const out = { ...shadowStats(records, ids, { from: new Date(from), to: new Date(to) }), truncated: records.length === MAX_RECORDS, policy_set_version: policySetVersion ?? null };
    return this.history.available ? out : { ...out, note: 'no database: nothing is recorded' };
  }
}
