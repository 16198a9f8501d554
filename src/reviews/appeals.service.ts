import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'crypto';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { Events } from '../common/events';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { RecordsRepository } from '../records/records.repository';
import { firedPolicies } from '../records/review-rules';
import { openReviewItem } from '../records/review-item';
import { Clock } from '../storage/clock';
import type { Executor } from '../storage/database.types';
import { Storage } from '../storage/storage';
import { ReviewEvents } from './review-events';
import { itemView } from './review-view';
import { ReviewRow, ReviewsRepository } from './reviews.repository';
import type { Ctx } from './reviews.service';

const HOUR = 3600_000;

function appealOpen(item: { id: string | null }): AppError {
  return new AppError('appeal_open', 'an appeal of this moderation is already waiting for its verdict; another may be filed once it is decided', { review_id: item.id });
}

/** Appeals of decisions, with their limits per item and per API key. Audited, and announced (`appeal.opened`), in the appeal's transaction. */
@Injectable()
export class AppealsService {
  private readonly appealMax: number;
  private readonly appealsPerHour: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly repo: ReviewsRepository,
    private readonly records: RecordsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly reviewEvents: ReviewEvents,
    private readonly events: EventEmitter2,
  ) {
    this.appealMax = config.storage.appealMaxPerItem;
    this.appealsPerHour = config.storage.appealsPerHourPerKey;
  }

  /**
   * Files an appeal: reopens the moderation's closed case, attaches to one still waiting, or opens
   * one (e.g. for a block). Limits (docs/review.md): one open appeal per item, at most
   * APPEAL_MAX_PER_ITEM per item, APPEALS_PER_HOUR_PER_KEY per key. A refusal throws inside the
   * transaction, so it writes, resets and emits nothing.
   */
  async appeal(moderationId: string, reason: string, ctx: Ctx) {
    const now = this.clock.now();
    const record = await this.records.get(moderationId);
    // An ingest client appeals its own moderations only; another client's id reads as unknown.
    const privileged = ctx.caller.roles.some((r) => r === 'moderator' || r === 'admin');
    if (!record || (!privileged && record.client !== ctx.caller.name)) {
      throw new AppError('not_found', `moderation ${moderationId} is not recorded`, { moderation_id: moderationId });
    }
    const acted = firedPolicies(record.evidence);
    const row = await this.storage.transaction(async (trx) => {
      await this.appealRateCheck(trx, ctx.caller.name, now);
      const existing = await this.repo.byModeration(moderationId, trx);
      let item: ReviewRow | undefined;
      if (existing) {
        if (existing.origin === 'appeal' && existing.status !== 'closed') throw appealOpen(existing);
        if (existing.appeal_count >= this.appealMax) {
          throw new AppError('appeal_limit_reached', `this moderation has had ${existing.appeal_count} appeals, the most one item may have (APPEAL_MAX_PER_ITEM=${this.appealMax})`, {
            review_id: existing.id,
            appeal_count: existing.appeal_count,
            limit: this.appealMax,
          });
        }
        const policies = JSON.stringify([...new Set([...(JSON.parse(existing.policies) as string[]), ...acted])]);
        item = existing.status === 'closed'
          ? await this.repo.reopen(trx, existing.id, now, policies, existing.appeal_count)
          : await this.repo.attachAppeal(trx, existing.id, now, policies, existing.appeal_count);
        // The conditional update matched nothing: a concurrent appeal got there first.
        if (!item) throw appealOpen(existing);
      } else {
        item = openReviewItem({ moderationId, origin: 'appeal', policies: acted, decision: record.decision, maxScore: record.max_score }, now);
        if (!(await this.repo.insertItemIfAbsent(trx, item))) throw appealOpen({ id: null });
      }
      await this.repo.insertAppeal(trx, { id: randomUUID(), review_id: item.id, moderation_id: moderationId, appellant: ctx.caller.name, reason, created_at: now });
      await this.audit.append(trx, {
        actor: ctx.caller.name,
        action: 'review.appealed',
        entityType: 'review',
        entityId: item.id,
        before: existing ? { status: existing.status, last_verdict: existing.last_verdict } : null,
        after: { status: item.status, moderation_id: moderationId, reason },
        requestId: ctx.requestId,
      }, now);
      await this.reviewEvents.appealed(trx, { reviewId: item.id, moderationId, record, appellant: ctx.caller.name, reason }, now);
      return item;
    });
    this.events.emit(Events.outboxCommitted);
    return itemView(row, now);
  }

  private async appealRateCheck(trx: Executor, appellant: string, now: number): Promise<void> {
    const { n, oldest } = await this.repo.appealsBy(trx, appellant, now - HOUR);
    if (n < this.appealsPerHour) return;
    const retryAfter = Math.max(1, Math.ceil(((oldest ?? now) + HOUR - now) / 1000));
    throw new AppError('appeal_rate_limited', `API key "${appellant}" filed ${n} appeals in the last hour, its limit (APPEALS_PER_HOUR_PER_KEY=${this.appealsPerHour})`, { limit: this.appealsPerHour, window_s: 3600 }, retryAfter);
  }
}
