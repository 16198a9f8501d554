import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error';
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

  async stats(fromRaw?: string, toRaw?: string, policySetVersion?: string): Promise<ShadowStats & { truncated: boolean; policy_set_version: string | null; note?: string }> {
    const parse = (v: string | undefined, d: number, name: string) => {
      if (!v) return d;
      const t = Date.parse(v);
      if (Number.isNaN(t)) throw new AppError('invalid_parameter', `${name} must be an ISO time`, { parameter: name });
      return t;
    };
    const to = parse(toRaw, Date.now() + 1, 'to');
    const from = parse(fromRaw, to - 7 * DAY, 'from');
    const ids = this.registry.current().policies.filter((p) => p.mode === 'shadow').map((p) => p.id);
    const records = await this.history.recordedEvidence({ from, to, limit: MAX_RECORDS, policySetVersion });
    // Newest first: a truncated window covers its most recent part.
    const out = { ...shadowStats(records, ids, { from: new Date(from), to: new Date(to) }), truncated: records.length === MAX_RECORDS, policy_set_version: policySetVersion ?? null };
    return this.history.available ? out : { ...out, note: 'no database: nothing is recorded' };
  }
}
