import { randomUUID } from 'crypto';
import type { ReviewItemsTable } from '../storage/database.types';

/**
 * A new, open review item: opened by an upload (`auto`, in the moderation's commit, src/records) or
 * by the first appeal of a moderation that had none (`appeal`, src/reviews/appeals.service.ts).
 * The one place its row is made, so both open items the same way.
 */
export function openReviewItem(
  open: { moderationId: string; origin: 'auto' | 'appeal'; policies: string[]; decision: string; maxScore: number },
  now: number,
): ReviewItemsTable {
  return {
    id: randomUUID(),
    moderation_id: open.moderationId,
    status: 'open',
    origin: open.origin,
    policies: JSON.stringify(open.policies),
    decision: open.decision,
    max_score: open.maxScore,
    created_at: now,
    opened_at: now,
    updated_at: now,
    lease_holder: null,
    lease_expires_at: null,
    last_verdict: null,
    closed_at: null,
    // An appeal opens the item it is the first appeal of.
    appeal_count: open.origin === 'appeal' ? 1 : 0,
  };
}
