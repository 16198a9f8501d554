import { Injectable } from '@nestjs/common';
import { OutboxService } from '../webhooks/outbox.service';
import type { RecordRow } from '../records/records.repository';
import type { Executor } from '../storage/database.types';
import { ReviewsRepository } from './reviews.repository';

/** What every review and appeal event names: the item, and the moderation as its record says (none when it is not recorded). */
interface About {
  reviewId: string;
  moderationId: string;
  record: Pick<RecordRow, 'external_id' | 'client' | 'decision'> | undefined;
}

export interface DecidedEvent extends About {
  verdict: string;
  status: string;
  policies: string[];
  note: string | null;
  moderator: string;
}

export interface AppealedEvent extends About {
  appellant: string;
  reason: string;
}

const about = (e: About) => ({
  review_id: e.reviewId,
  moderation_id: e.moderationId,
  external_id: e.record?.external_id ?? null,
  client: e.record?.client ?? null,
  original_decision: e.record?.decision ?? null,
});

/**
 * The review workflow's webhook events. The verdict and the appeal (reviews.service.ts,
 * appeals.service.ts) call these in their own transactions, with what they wrote, so an event
 * commits or rolls back with the change it describes.
 */
@Injectable()
export class ReviewEvents {
  constructor(
    private readonly outbox: OutboxService,
    private readonly reviews: ReviewsRepository,
  ) {}

  /** `appeal.opened`. */
  async appealed(exec: Executor, e: AppealedEvent, at: number): Promise<void> {
    await this.outbox.emit(exec, 'appeal.opened', { ...about(e), appellant: e.appellant, reason: e.reason, opened_at: new Date(at).toISOString() }, at);
  }

  /** `review.decided`, and `appeal.decided` when the verdict answers an appeal. Called once the verdict's decision row is written. */
  async decided(exec: Executor, e: DecidedEvent, at: number): Promise<void> {
    const data = { ...about(e), verdict: e.verdict, status: e.status, policies: e.policies, note: e.note, moderator: e.moderator, decided_at: new Date(at).toISOString() };
    await this.outbox.emit(exec, 'review.decided', data, at);
    if (await this.answersAppeal(exec, e.reviewId)) await this.outbox.emit(exec, 'appeal.decided', data, at);
  }

  /** True when an appeal was filed after the previous verdict (or there was none): this verdict decides it. */
  private async answersAppeal(exec: Executor, reviewId: string): Promise<boolean> {
    const appealedAt = await this.reviews.lastAppealAt(exec, reviewId);
    if (appealedAt === undefined) return false;
    const previous = (await this.reviews.lastDecisionTimes(exec, reviewId, 2))[1];
    return previous === undefined || appealedAt >= previous;
  }
}
