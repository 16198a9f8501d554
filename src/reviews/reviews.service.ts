import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import type { Caller } from '../common/auth.guard';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { MediaService } from '../media/media.service';
import type { MediaImage } from '../media/media.service';
import { BlobStore } from '../records/blob-store';
import { encodeCursor, iso } from '../records/query';
import { RecordsRepository } from '../records/records.repository';
import { recordView } from '../records/records.service';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { itemView, summariseDecisions } from './review-view';
import { QueueCursor, QueueFilter, QueueOrder, ReviewRow, ReviewsRepository } from './reviews.repository';

export type Verdict = 'uphold' | 'overturn' | 'escalate';
export const VERDICTS: readonly Verdict[] = ['uphold', 'overturn', 'escalate'];

interface Ctx {
  caller: Caller;
  requestId?: string;
}

/** The review workflow: queue, leases, verdicts, appeals, previews and statistics. Every change is audited in its transaction. */
@Injectable()
export class ReviewsService {
  private readonly leaseMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly repo: ReviewsRepository,
    private readonly records: RecordsRepository,
    private readonly blobs: BlobStore,
    private readonly media: MediaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.leaseMs = config.storage.leaseSeconds * 1000;
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
    const row = await this.storage.transaction(async (trx) => {
      const before = await this.repo.get(id, trx);
      if (!before) return undefined;
      const itemPolicies = JSON.parse(before.policies) as string[];
      const policies = body.policies?.length ? [...new Set(body.policies)] : itemPolicies;
      const record = await this.records.get(before.moderation_id, trx);
      const known = new Set((record ? (JSON.parse(record.evidence).policies as { policy_id: string }[]) : []).map((p) => p.policy_id));
      const unknown = policies.filter((p) => !known.has(p));
      if (unknown.length) throw new AppError('invalid_parameter', `policies not scored in this moderation: ${unknown.join(', ')}`, { parameter: 'policies', unknown, known: [...known] });
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
        after: { status, verdict: body.verdict, policies, note: body.note ?? null, moderation_id: r.moderation_id },
        requestId: ctx.requestId,
      }, now);
      return r;
    });
    if (row) return itemView(row, now);
    throw await this.whyNot(id, now, true);
  }

  /** Reopens (or opens) the case for a moderation with the appellant's reason. */
  async appeal(moderationId: string, reason: string, ctx: Ctx) {
    const now = this.clock.now();
    const record = await this.records.get(moderationId);
    // An ingest client appeals its own moderations only; another client's id reads as unknown.
    const privileged = ctx.caller.roles.some((r) => r === 'moderator' || r === 'admin');
    if (!record || (!privileged && record.client !== ctx.caller.name)) {
      throw new AppError('not_found', `moderation ${moderationId} is not recorded`, { moderation_id: moderationId });
    }
    const acted = (JSON.parse(record.evidence).policies as { policy_id: string; action: string }[]).filter((p) => p.action !== 'allow').map((p) => p.policy_id);
    const row = await this.storage.transaction(async (trx) => {
      const existing = await this.repo.byModeration(moderationId, trx);
      let item: ReviewRow | undefined;
      if (existing) {
        const policies = JSON.stringify([...new Set([...(JSON.parse(existing.policies) as string[]), ...acted])]);
        item = await this.repo.reopen(trx, existing.id, now, policies);
      } else {
        item = {
          id: randomUUID(),
          moderation_id: moderationId,
          status: 'open',
          origin: 'appeal',
          policies: JSON.stringify(acted),
          decision: record.decision,
          max_score: record.max_score,
          created_at: now,
          opened_at: now,
          updated_at: now,
          lease_holder: null,
          lease_expires_at: null,
          last_verdict: null,
          closed_at: null,
          appeal_count: 1,
        };
        await this.repo.insertItem(trx, item);
      }
      await this.repo.insertAppeal(trx, { id: randomUUID(), review_id: item!.id, moderation_id: moderationId, appellant: ctx.caller.name, reason, created_at: now });
      await this.audit.append(trx, {
        actor: ctx.caller.name,
        action: 'review.appealed',
        entityType: 'review',
        entityId: item!.id,
        before: existing ? { status: existing.status, last_verdict: existing.last_verdict } : null,
        after: { status: 'open', moderation_id: moderationId, reason },
        requestId: ctx.requestId,
      }, now);
      return item!;
    });
    return itemView(row, now);
  }

  /** Blurred preview by default; the original only on an explicit, audited reveal. */
  async image(id: string, reveal: boolean, reason: string | undefined, ctx: Ctx): Promise<{ data: Buffer; contentType: string; revealed: boolean }> {
    const item = await this.mustGet(id);
    const record = await this.records.get(item.moderation_id);
    const data = record?.blob_key ? await this.blobs.get(record.blob_key) : null;
    if (!record || !data) {
      throw new AppError('image_not_kept', 'the image of this item is not kept (not configured, or deleted by retention)', { review_id: id, deleted_at: iso(record?.blob_deleted_at) });
    }
    if (!reveal) {
      const blurred = await this.media.blur({ data, format: record.image_format } as MediaImage);
      return { ...blurred, revealed: false };
    }
    await this.audit.append(this.storage.db, { actor: ctx.caller.name, action: 'image.revealed', entityType: 'review', entityId: id, after: { moderation_id: record.id, reason: reason ?? null }, requestId: ctx.requestId });
    return { data, contentType: `image/${record.image_format}`, revealed: true };
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
