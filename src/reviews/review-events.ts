import { Injectable, OnModuleInit } from '@nestjs/common';
import type { AuditEntry } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { OutboxService } from '../outbox/outbox.service';
import { RecordsRepository } from '../records/records.repository';
import type { Executor } from '../storage/database.types';
import { ReviewsRepository } from './reviews.repository';

type After = Record<string, unknown>;

/**
 * Review and appeal events, derived from the audit entries the review workflow writes inside its
 * transactions (src/reviews): observing the audit log means the event commits with the verdict or
 * appeal, and no code path that changes a review can forget to emit it.
 */
@Injectable()
export class ReviewEvents implements OnModuleInit {
  constructor(
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly records: RecordsRepository,
    private readonly reviews: ReviewsRepository,
  ) {}

  onModuleInit(): void {
    this.audit.observe((exec, entry, at) => this.onAudit(exec, entry, at));
  }

  private async onAudit(exec: Executor, e: AuditEntry, at: number): Promise<void> {
    if (e.action !== 'review.decided' && e.action !== 'review.appealed') return;
    const after = (e.after ?? {}) as After;
    const moderationId = String(after.moderation_id ?? '');
    const record = await this.records.eventFields(exec, moderationId);
    const common = { review_id: e.entityId, moderation_id: moderationId, external_id: record?.external_id ?? null, client: record?.client ?? null, original_decision: record?.decision ?? null };
    const when = new Date(at).toISOString();
    if (e.action === 'review.appealed') {
      await this.outbox.emit(exec, 'appeal.opened', { ...common, appellant: e.actor, reason: after.reason ?? null, opened_at: when }, at);
      this.outbox.committedSoon();
      return;
    }
    const decided = { ...common, verdict: after.verdict, status: after.status, policies: after.policies ?? [], note: after.note ?? null, moderator: e.actor, decided_at: when };
    await this.outbox.emit(exec, 'review.decided', decided, at);
    if (await this.answersAppeal(exec, e.entityId)) await this.outbox.emit(exec, 'appeal.decided', decided, at);
    this.outbox.committedSoon();
  }

  /** True when an appeal was filed after the previous verdict (or there was none): this verdict decides it. */
  private async answersAppeal(exec: Executor, reviewId: string): Promise<boolean> {
    const appealedAt = await this.reviews.lastAppealAt(exec, reviewId);
    if (appealedAt === undefined) return false;
    const previous = (await this.reviews.lastDecisionTimes(exec, reviewId, 2))[1];
    return previous === undefined || appealedAt >= previous;
  }
}
