import { Injectable, Optional } from '@nestjs/common';
import { RecordsRepository } from '../../records/records.repository';
import { bytesToEmbedding } from '../../storage/embedding-bytes';
import { EmbeddedSample, NONE_LABEL } from '../evaluation/samples';
import { RecordedEvidence } from '../evaluation/shadow-stats';

/** Where moderator verdicts come from for evaluation and calibration. */
export interface VerdictSource {
  /** Reviewed moderations with their stored embedding and the label the last final verdict gives them. */
  verdictSamples(opts: { from?: number; to?: number; limit: number }): Promise<EmbeddedSample[]>;
}

/**
 * Reads what moderation and review stored (src/records, src/reviews tables) for the policy
 * author: verdict-labelled embeddings and recorded evidence, through RecordsRepository (which holds
 * the SQL); without the records module it answers nothing.
 */
@Injectable()
export class PolicyHistoryReader implements VerdictSource {
  constructor(@Optional() private readonly records?: RecordsRepository) {}

  get available(): boolean {
    return !!this.records;
  }

  /**
   * "uphold" confirms the policies the verdict names (the image is a positive for them);
   * "overturn" says the image violates none of them (a negative everywhere); escalations are not
   * final and are skipped. The last final verdict of a moderation wins.
   */
  async verdictSamples(opts: { from?: number; to?: number; limit: number }): Promise<EmbeddedSample[]> {
    if (!this.records) return [];
    const rows = await this.records.verdictsWithEmbeddings({ from: opts.from, to: opts.to, limit: opts.limit * 4 });
    const seen = new Set<string>();
    const out: EmbeddedSample[] = [];
    for (const r of rows) {
      if (seen.has(r.moderation_id) || out.length >= opts.limit) continue;
      seen.add(r.moderation_id);
      const policies = JSON.parse(r.policies) as string[];
      const labels = r.verdict === 'uphold' ? policies : [];
      out.push({ name: `moderation:${r.moderation_id}`, label: labels[0] ?? NONE_LABEL, labels, frames: [bytesToEmbedding(r.embedding!)] });
    }
    return out;
  }

  /** Recorded decisions (newest first) with their evidence and the review verdict, if any. */
  async recordedEvidence(opts: { from: number; to: number; limit: number; policySetVersion?: string }): Promise<RecordedEvidence[]> {
    if (!this.records) return [];
    const rows = await this.records.evidenceIn(opts);
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
