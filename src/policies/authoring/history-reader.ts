import { Injectable, Optional } from '@nestjs/common';
import { Storage } from '../../storage/storage';
import { EmbeddedSample, NONE_LABEL } from '../evaluation/samples';
import { RecordedEvidence } from '../evaluation/shadow-stats';

/** Where moderator verdicts come from for evaluation and calibration. */
export interface VerdictSource {
  /** Reviewed moderations with their stored embedding and the label the last final verdict gives them. */
  verdictSamples(opts: { from?: number; to?: number; limit: number }): Promise<EmbeddedSample[]>;
}

/**
 * Reads what moderation and review stored (src/records, src/reviews tables) for the policy
 * author: verdict-labelled embeddings and recorded evidence. The one database edge of this feature
 * besides the version store; without a database it answers nothing.
 */
@Injectable()
export class PolicyHistoryReader implements VerdictSource {
  constructor(@Optional() private readonly storage?: Storage) {}

  get available(): boolean {
    return !!this.storage;
  }

  /**
   * "uphold" confirms the policies the verdict names (the image is a positive for them);
   * "overturn" says the image violates none of them (a negative everywhere); escalations are not
   * final and are skipped. The last final verdict of a moderation wins.
   */
  async verdictSamples(opts: { from?: number; to?: number; limit: number }): Promise<EmbeddedSample[]> {
    if (!this.storage) return [];
    let q = this.storage.db
      .selectFrom('review_decisions as d')
      .innerJoin('moderation_records as m', 'm.id', 'd.moderation_id')
      .select(['d.moderation_id', 'd.verdict', 'd.policies', 'd.decided_at', 'm.embedding'])
      .where('d.verdict', 'in', ['uphold', 'overturn'])
      .where('m.embedding', 'is not', null);
    if (opts.from !== undefined) q = q.where('d.decided_at', '>=', opts.from);
    if (opts.to !== undefined) q = q.where('d.decided_at', '<', opts.to);
    const rows = await q.orderBy('d.decided_at', 'desc').limit(opts.limit * 4).execute();
    const seen = new Set<string>();
    const out: EmbeddedSample[] = [];
    for (const r of rows) {
      if (seen.has(r.moderation_id) || out.length >= opts.limit) continue;
      seen.add(r.moderation_id);
      const policies = JSON.parse(r.policies) as string[];
      const labels = r.verdict === 'uphold' ? policies : [];
      out.push({ name: `moderation:${r.moderation_id}`, label: labels[0] ?? NONE_LABEL, labels, frames: [new Float32Array(Uint8Array.from(r.embedding!).buffer)] });
    }
    return out;
  }

  /** Recorded decisions (newest first) with their evidence and the review verdict, if any. */
  async recordedEvidence(opts: { from: number; to: number; limit: number; policySetVersion?: string }): Promise<RecordedEvidence[]> {
    if (!this.storage) return [];
    let q = this.storage.db
      .selectFrom('moderation_records as m')
      .leftJoin('review_items as r', 'r.moderation_id', 'm.id')
      .select(['m.id', 'm.created_at', 'm.decision', 'm.evidence', 'm.policy_set_version', 'r.last_verdict'])
      .where('m.created_at', '>=', opts.from)
      .where('m.created_at', '<', opts.to);
    if (opts.policySetVersion) q = q.where('m.policy_set_version', '=', opts.policySetVersion);
    const rows = await q.orderBy('m.created_at', 'desc').limit(opts.limit).execute();
    return rows.map((r) => {
      const ev = JSON.parse(r.evidence) as { policies?: { policy_id: string; action: string }[]; shadow?: { policy_id: string; action: string; score: number }[] };
      return {
        id: r.id,
        decision: r.decision,
        policySetVersion: r.policy_set_version,
        verdict: r.last_verdict === 'uphold' || r.last_verdict === 'overturn' ? r.last_verdict : null,
        enforced: (ev.policies ?? []).map((p) => ({ policyId: p.policy_id, action: p.action })),
        shadow: (ev.shadow ?? []).map((p) => ({ policyId: p.policy_id, action: p.action, score: p.score })),
      };
    });
  }
}
