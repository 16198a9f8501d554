import { Action, ACTION_ORDER } from '../../decisions/decision.types';

/** One recorded moderation as shadow statistics need it. */
export interface RecordedEvidence {
  id: string;
  decision: string;
  policySetVersion: string;
  /** The final review verdict: uphold (the content violates), overturn (it does not), or none. */
  verdict: 'uphold' | 'overturn' | null;
  enforced: { policyId: string; action: string }[];
  shadow: { policyId: string; action: string; score: number }[];
}

export interface ShadowPolicyStats {
  policy_id: string;
  /** Recorded moderations this shadow policy was scored on. */
  scored: number;
  /** How often it would have acted, by action. */
  would_have: Record<Exclude<Action, 'allow'>, number>;
  would_have_acted: number;
  /** It would have acted where the enforced set allowed: new actions if it were enforced. */
  new_actions: number;
  /** Both it and the enforced set acted. */
  overlap: number;
  /** The enforced set acted and it would have allowed. */
  enforced_only: number;
  /** Against final review verdicts (only reviewed moderations count). */
  verdicts: {
    reviewed: number;
    /** Acted and the verdict upheld, or allowed and the verdict overturned. */
    agree: number;
    /** Acted but the verdict overturned (would-be false positive). */
    false_positive: number;
    /** Allowed but the verdict upheld (the enforced set was right, it would have missed). */
    missed: number;
    agreement: number | null;
  };
}

export interface ShadowStats {
  window: { from: string; to: string };
  records: number;
  policies: ShadowPolicyStats[];
}

const acted = (a: string) => a !== 'allow';

/**
 * Compares each shadow policy with the enforced set over recorded moderations. `ids` lists the
 * shadow policies of the active set so a policy with no traffic yet still appears (zeros).
 */
export function shadowStats(records: RecordedEvidence[], ids: string[], window: { from: Date; to: Date }): ShadowStats {
  const by = new Map<string, ShadowPolicyStats>();
  const get = (id: string) => {
    let s = by.get(id);
    if (!s) {
      s = { policy_id: id, scored: 0, would_have: { flag: 0, blur: 0, block: 0 }, would_have_acted: 0, new_actions: 0, overlap: 0, enforced_only: 0, verdicts: { reviewed: 0, agree: 0, false_positive: 0, missed: 0, agreement: null } };
      by.set(id, s);
    }
    return s;
  };
  ids.forEach(get);
  for (const r of records) {
    const enforcedActed = acted(r.decision);
    for (const sh of r.shadow) {
      const s = get(sh.policyId);
      s.scored++;
      const a = sh.action as Action;
      if (acted(a) && ACTION_ORDER.includes(a)) {
        s.would_have[a as Exclude<Action, 'allow'>]++;
        s.would_have_acted++;
        if (enforcedActed) s.overlap++;
        else s.new_actions++;
      } else if (enforcedActed) s.enforced_only++;
      if (r.verdict) {
        s.verdicts.reviewed++;
        if (acted(a) === (r.verdict === 'uphold')) s.verdicts.agree++;
        else if (acted(a)) s.verdicts.false_positive++;
        else s.verdicts.missed++;
      }
    }
  }
  for (const s of by.values()) s.verdicts.agreement = s.verdicts.reviewed ? Math.round((s.verdicts.agree / s.verdicts.reviewed) * 1e4) / 1e4 : null;
  return { window: { from: window.from.toISOString(), to: window.to.toISOString() }, records: records.length, policies: [...by.values()] };
}
