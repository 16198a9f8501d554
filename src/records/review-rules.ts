import type { RecordAction } from '../config/configuration';

export interface ActedPolicy {
  policy_id: string;
  action: RecordAction;
  score: number;
}

/**
 * Which of a decision's policies send it to a human: a policy's own list from REVIEW_POLICY_ACTIONS,
 * else REVIEW_ACTIONS (default flag and blur; block reaches review on appeal). Pure, for table tests.
 */
export function policiesNeedingReview(
  policies: ActedPolicy[],
  defaults: RecordAction[],
  perPolicy: Record<string, RecordAction[]>,
): ActedPolicy[] {
  return policies.filter((p) => p.action !== 'allow' && (perPolicy[p.policy_id] ?? defaults).includes(p.action));
}

/** Highest score among the acting policies; the "highest score first" queue order. */
export function maxScore(policies: ActedPolicy[]): number {
  return policies.reduce((m, p) => Math.max(m, p.score), 0);
}

/** How an enforced hash-bank match is named where policies are (record_policies, review items, verdicts). */
export const bankPolicyId = (bankName: string) => `bank:${bankName}`;

function bankIds(e: { banks?: { bank: string }[] }): string[] {
  return (e.banks ?? []).map((b) => bankPolicyId(b.bank));
}

/** Policies that fired on a stored moderation (its evidence JSON): action not allow, and the enforced banks it matched. Shadow policies and banks never fire. */
export function firedPolicies(evidence: string): string[] {
  const e = JSON.parse(evidence);
  return [...(e.policies as { policy_id: string; action: string }[]).filter((p) => p.action !== 'allow').map((p) => p.policy_id), ...bankIds(e)];
}

/** Every enforced policy scored on a stored moderation, fired or not (and the enforced banks it matched). */
export function scoredPolicies(evidence: string): string[] {
  const e = JSON.parse(evidence);
  return [...(e.policies as { policy_id: string }[]).map((p) => p.policy_id), ...bankIds(e)];
}
