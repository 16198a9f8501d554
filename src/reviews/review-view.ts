import { iso } from '../records/query';
import type { ReviewRow } from './reviews.repository';

export function itemView(r: ReviewRow, now: number) {
  const leased = r.lease_holder !== null && r.lease_expires_at !== null && r.lease_expires_at > now;
  return {
    id: r.id,
    moderation_id: r.moderation_id,
    status: r.status,
    claimed: leased,
    lease: leased ? { holder: r.lease_holder, expires_at: iso(r.lease_expires_at) } : null,
    origin: r.origin,
    policies: JSON.parse(r.policies) as string[],
    decision: r.decision,
    max_score: r.max_score,
    created_at: iso(r.created_at),
    opened_at: iso(r.opened_at),
    updated_at: iso(r.updated_at),
    last_verdict: r.last_verdict,
    closed_at: iso(r.closed_at),
    appeal_count: r.appeal_count,
  };
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface DecisionFact {
  moderator: string;
  verdict: string;
  policies: string;
  opened_at: number;
  decided_at: number;
}

/** Pure part of the statistics: time to decision, per-moderator counts, overturn rate per policy. */
export function summariseDecisions(rows: DecisionFact[]) {
  const perModerator: Record<string, Record<string, number>> = {};
  const perPolicy: Record<string, { uphold: number; overturn: number; escalate: number; overturn_rate: number | null }> = {};
  for (const r of rows) {
    const m = (perModerator[r.moderator] ??= { total: 0 });
    m.total++;
    m[r.verdict] = (m[r.verdict] ?? 0) + 1;
    for (const p of JSON.parse(r.policies) as string[]) {
      const s = (perPolicy[p] ??= { uphold: 0, overturn: 0, escalate: 0, overturn_rate: null });
      if (r.verdict === 'uphold' || r.verdict === 'overturn' || r.verdict === 'escalate') s[r.verdict]++;
    }
  }
  for (const s of Object.values(perPolicy)) {
    const final = s.uphold + s.overturn;
    s.overturn_rate = final ? s.overturn / final : null;
  }
  const final = rows.filter((r) => r.verdict !== 'escalate');
  const ms = median(final.map((r) => Number(r.decided_at) - Number(r.opened_at)));
  return {
    decisions: rows.length,
    median_time_to_decision_s: ms === null ? null : Math.round(ms) / 1000,
    per_moderator: perModerator,
    per_policy: perPolicy,
  };
}
