import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'crypto';
import { AuditService } from '../audit/audit.service';
import { BanksService } from '../banks/banks.service';
import { AppError } from '../common/app-error';
import type { Caller } from '../common/auth.guard';
import { Events } from '../common/events';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { MediaService } from '../media/media.service';
import type { MediaImage } from '../media/media.service';
import { BlobStore } from '../records/blob-store';
import { encodeCursor } from '../common/cursor';
import { iso } from '../records/query';
import { RecordsRepository } from '../records/records.repository';
import { firedPolicies, scoredPolicies } from '../records/review-rules';
import { recordView } from '../records/records.service';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { ReviewEvents } from './review-events';
import { itemView, summariseDecisions } from './review-view';
import { QueueCursor, QueueFilter, QueueOrder, ReviewRow, ReviewsRepository } from './reviews.repository';

export type Verdict = 'uphold' | 'overturn' | 'escalate';
export const VERDICTS: readonly Verdict[] = ['uphold', 'overturn', 'escalate'];

export interface Ctx {
  caller: Caller;
  requestId?: string;
}

/**
 * The review workflow: queue, leases, verdicts, previews and statistics (appeals: appeals.service.ts).
 * Every change is audited in its transaction; a verdict's transaction also writes its webhook events
 * and, for an overturn, removes what was banked from the moderation.
 */
@Injectable()
export class ReviewsService {
  private readonly leaseMs: number;
  private readonly revealReasonRequired: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly repo: ReviewsRepository,
    private readonly records: RecordsRepository,
    private readonly blobs: BlobStore,
    private readonly media: MediaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly reviewEvents: ReviewEvents,
    private readonly banks: BanksService,
    private readonly events: EventEmitter2,
  ) {
    this.leaseMs = config.storage.leaseSeconds * 1000;
    this.revealReasonRequired = config.storage.revealReasonRequired;
  }

  async list(f: QueueFilter, order: QueueOrder, cursor: QueueCursor | undefined, limit: number) {
    const now = this.clock.now();
    const rows = await this.repo.list(f, order, cursor, limit, now);
    const last = rows[rows.length - 1];
    return {
      items: rows.map((r) => itemView(r, now)),
      next_cursor: rows.length === limit ? encodeCursor({ k: order === 'oldest' ? last.opened_at : last.max_score, id: last.id }) : null,
    };
  }

  async get(id: string) {
    const item = await this.mustGet(id);
    const [record, history] = await Promise.all([this.records.get(item.moderation_id), this.repo.history(id)]);
    return {
      ...itemView(item, this.clock.now()),
      record: record ? recordView(record) : null,
      history: [
        ...history.appeals.map((a) => ({ type: 'appeal', at: iso(a.created_at), actor: a.appellant, reason: a.reason })),
        ...history.decisions.map((d) => ({ type: 'decision', at: iso(d.decided_at), actor: d.moderator, verdict: d.verdict, policies: JSON.parse(d.policies), note: d.note })),
      ].sort((a, b) => a.at!.localeCompare(b.at!)),
    };
  }

  async claim(id: string, ctx: Ctx) {
    const now = this.clock.now();
    const claimed = await this.storage.transaction(async (trx) => {
      const before = await this.repo.get(id, trx);
      const row = await this.repo.claim(trx, id, ctx.caller.name, now, now + this.leaseMs);
      if (row) await this.auditLease(trx, 'review.claimed', row, before, ctx, now);
      return row;
    });
    if (claimed) return itemView(claimed, now);
    throw await this.whyNot(id, now);
  }

  async next(f: QueueFilter, order: QueueOrder, ctx: Ctx) {
    const now = this.clock.now();
    const row = await this.storage.transaction(async (trx) => {
      const r = await this.repo.claimNext(trx, f, order, ctx.caller.name, now, now + this.leaseMs);
      if (r) await this.auditLease(trx, 'review.claimed', r, undefined, ctx, now);
      return r;
    });
    return row ? itemView(row, now) : null;
  }

  async release(id: string, ctx: Ctx) {
    const now = this.clock.now();
    const row = await this.storage.transaction(async (trx) => {
      const r = await this.repo.release(trx, id, ctx.caller.name, now);
      if (r) await this.audit.append(trx, { actor: ctx.caller.name, action: 'review.released', entityType: 'review', entityId: id, before: { lease_holder: ctx.caller.name }, after: { lease_holder: null }, requestId: ctx.requestId }, now);
      return r;
    });
    if (row) return itemView(row, now);
    throw await this.whyNot(id, now, true);
  }

  async decide(id: string, body: { verdict: Verdict; policies?: string[]; note?: string }, ctx: Ctx) {
    const now = this.clock.now();
    const status = body.verdict === 'escalate' ? 'escalated' : 'closed';
    const done = await this.storage.transaction(async (trx) => {
      const before = await this.repo.get(id, trx);
      if (!before) return undefined;
      const itemPolicies = JSON.parse(before.policies) as string[];
      const policies = body.policies?.length ? [...new Set(body.policies)] : itemPolicies;
      // A verdict judges what a policy did: one that did not fire has nothing to uphold or overturn,
      // and counting it would skew the overturn rate per policy. An admin may still name a policy
      // that was scored but did not fire, to record a miss (evaluation from verdicts reads it as a label).
      const record = await this.records.get(before.moderation_id, trx);
      const fired = record ? firedPolicies(record.evidence) : [];
      const notFired = policies.filter((p) => !fired.includes(p));
      const scored = ctx.caller.roles.includes('admin') && record ? scoredPolicies(record.evidence) : [];
      const refused = notFired.filter((p) => !scored.includes(p));
      if (refused.length) {
        throw new AppError('policy_not_fired', `a verdict may name only policies that fired on this item (${fired.join(', ') || 'none'}); not: ${refused.join(', ')}`, { policies: refused, fired });
      }
      const r = await this.repo.decide(trx, id, ctx.caller.name, now, status, body.verdict);
      if (!r) return undefined;
      await this.repo.insertDecision(trx, {
        id: randomUUID(),
        review_id: id,
        moderation_id: r.moderation_id,
        moderator: ctx.caller.name,
        verdict: body.verdict,
        policies: JSON.stringify(policies),
        note: body.note ?? null,
        opened_at: before.opened_at,
        decided_at: now,
      });
      await this.audit.append(trx, {
        actor: ctx.caller.name,
        action: 'review.decided',
        entityType: 'review',
        entityId: id,
        before: { status: before.status, last_verdict: before.last_verdict },
        after: { status, verdict: body.verdict, policies, note: body.note ?? null, moderation_id: r.moderation_id, ...(notFired.length ? { not_fired: notFired } : {}) },
        requestId: ctx.requestId,
      }, now);
      // An overturned decision no longer stands: what was banked from it goes, with its bank.changed events.
      const unbanked = body.verdict === 'overturn' ? await this.banks.removeFromModeration(trx, r.moderation_id, ctx.caller.name, ctx.requestId, now) : [];
      await this.reviewEvents.decided(trx, { reviewId: id, moderationId: r.moderation_id, record, verdict: body.verdict, status, policies, note: body.note ?? null, moderator: ctx.caller.name }, now);
      return { row: r, unbanked };
    });
    if (!done) throw await this.whyNot(id, now, true);
    this.banks.forget(done.unbanked);
    this.events.emit(Events.outboxCommitted);
    return itemView(done.row, now);
  }

  /**
   * Blurred preview by default. The original only on an explicit reveal that says why (unless
   * REVIEW_REVEAL_REASON_REQUIRED=false), by the holder of the item's live lease or an admin; audited.
   */
  async image(id: string, reveal: boolean, reason: string | undefined, ctx: Ctx): Promise<{ data: Buffer; contentType: string; revealed: boolean }> {
    const item = await this.mustGet(id);
    const why = reason?.trim() || null;
    if (reveal) this.mayReveal(item, why, ctx);
    const record = await this.records.get(item.moderation_id);
    const data = record?.blob_key ? await this.blobs.get(record.blob_key) : null;
    if (!record || !data) {
      throw new AppError('image_not_kept', 'the image of this item is not kept (not configured, or deleted by retention)', { review_id: id, deleted_at: iso(record?.blob_deleted_at) });
    }
    if (!reveal) return { ...(await this.media.blur({ data, format: record.image_format } as MediaImage)), revealed: false };
    const admin = ctx.caller.roles.includes('admin');
    await this.audit.append(this.storage.db, { actor: ctx.caller.name, action: 'image.revealed', entityType: 'review', entityId: id, after: { moderation_id: record.id, reason: why, as: admin ? 'admin' : 'lease_holder' }, requestId: ctx.requestId });
    return { data, contentType: `image/${record.image_format}`, revealed: true };
  }

  /**
   * The blurred preview of any kept moderation image, by moderation id (search results, the
   * dashboard's grids): never the original, so no lease and no audit entry are involved.
   */
  async preview(moderationId: string, frame?: number): Promise<{ data: Buffer; contentType: string }> {
    const record = await this.records.get(moderationId);
    if (!record) throw new AppError('not_found', `moderation ${moderationId} does not exist`, { moderation_id: moderationId });
    if (frame !== undefined && record.frames <= 1) {
      throw new AppError('not_animated', `moderation ${moderationId} is a still image: it has no frames to pick`, { moderation_id: moderationId, frame, frames: record.frames });
    }
    if (frame !== undefined && frame >= record.frames) {
      throw new AppError('frame_not_found', `the animation has ${record.frames} frames (0 to ${record.frames - 1}); there is no frame ${frame}`, { moderation_id: moderationId, frame, frames: record.frames });
    }
    const data = record.blob_key ? await this.blobs.get(record.blob_key) : null;
    if (!data) throw new AppError('image_not_kept', 'the image of this moderation is not kept (not configured, or deleted by retention)', { moderation_id: moderationId, deleted_at: iso(record.blob_deleted_at) });
    if (frame !== undefined) return this.media.blurFrame({ data, format: record.image_format }, frame);
    return this.media.blur({ data, format: record.image_format } as MediaImage);
  }

  private mayReveal(item: ReviewRow, reason: string | null, ctx: Ctx): void {
    if (this.revealReasonRequired && !reason) {
      throw new AppError('reveal_reason_required', 'revealing the original needs ?reason=... (why it is needed); the reason is audited', { parameter: 'reason' });
    }
    if (ctx.caller.roles.includes('admin')) return;
    const now = this.clock.now();
    const live = item.lease_holder !== null && (item.lease_expires_at ?? 0) > now;
    if (live && item.lease_holder === ctx.caller.name) return;
    throw new AppError('lease_not_held', 'only the holder of the item\'s live lease (or an admin) may reveal its original; claim the item first', {
      review_id: item.id,
      lease_holder: live ? item.lease_holder : null,
      lease_expires_at: live ? iso(item.lease_expires_at) : null,
    });
  }

  async stats(from: number, to: number) {
    const now = this.clock.now();
    const [byDecision, byPolicy, byStatus, decisions] = await Promise.all([
      this.repo.decisionsByOutcome(from, to),
      this.repo.policiesByAction(from, to),
      this.repo.itemsByStatus(from, to, now),
      this.repo.decisionsIn(from, to),
    ]);
    const policies: Record<string, Record<string, number>> = {};
    for (const r of byPolicy) (policies[r.policy_id] ??= {})[r.action] = Number(r.n);
    const s = summariseDecisions(decisions);
    return {
      window: { from: iso(from), to: iso(to) },
      moderations_by_decision: Object.fromEntries(byDecision.map((r) => [r.decision, Number(r.n)])),
      moderations_by_policy: policies,
      reviews_by_status: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])),
      reviews_claimed: byStatus.reduce((n, r) => n + Number(r.claimed ?? 0), 0),
      review_decisions: s.decisions,
      median_time_to_decision_s: s.median_time_to_decision_s,
      decisions_per_moderator: s.per_moderator,
      verdicts_per_policy: s.per_policy,
    };
  }

  private async auditLease(exec: Parameters<AuditService['append']>[0], action: string, row: ReviewRow, before: ReviewRow | undefined, ctx: Ctx, now: number) {
    await this.audit.append(exec, {
      actor: ctx.caller.name,
      action,
      entityType: 'review',
      entityId: row.id,
      before: before ? { lease_holder: before.lease_holder, lease_expires_at: iso(before.lease_expires_at) } : null,
      after: { lease_holder: row.lease_holder, lease_expires_at: iso(row.lease_expires_at) },
      requestId: ctx.requestId,
    }, now);
  }

  private async mustGet(id: string): Promise<ReviewRow> {
    const item = await this.repo.get(id);
    if (!item) throw new AppError('not_found', `review item ${id} does not exist`, { review_id: id });
    return item;
  }

  /** After a conditional update matched nothing: say why, with the stable code. */
  private async whyNot(id: string, now: number, needsLease = false): Promise<AppError> {
    const item = await this.mustGet(id);
    if (item.status === 'closed') return new AppError('review_closed', 'this review item is already decided', { review_id: id, last_verdict: item.last_verdict });
    const live = item.lease_holder !== null && (item.lease_expires_at ?? 0) > now;
    if (needsLease) {
      return new AppError('lease_not_held', 'only the holder of a live lease may do this; claim the item first', {
        review_id: id,
        lease_holder: live ? item.lease_holder : null,
        lease_expires_at: live ? iso(item.lease_expires_at) : null,
      });
    }
    return new AppError('lease_held', `this item is claimed by ${item.lease_holder} until ${iso(item.lease_expires_at)}`, { review_id: id, lease_holder: item.lease_holder, lease_expires_at: iso(item.lease_expires_at) });
  }
}
