import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { APP_CONFIG, AppConfig, RecordAction, StorageConfig } from '../config/configuration';
import type { Moderated, ModerationBody } from './moderation-body';
import type { Executor, ReviewItemsTable } from '../storage/database.types';
import { embeddingToBytes } from '../storage/embedding-bytes';
import { BlobStore } from './blob-store';
import { iso } from './query';
import { RecordRow, RecordsRepository } from './records.repository';
import { openReviewItem } from './review-item';
import { bankPolicyId, maxScore, policiesNeedingReview } from './review-rules';

/** What Events.moderationRecorded carries, sent by the commit once the record is committed (the search index appends the embedding). */
export interface RecordedEvent {
  id: string;
  createdAt: number;
  decision: string;
  modelId: string;
  embedding: Float32Array;
  policies: string[];
}

const EXT: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif', avif: 'avif', heif: 'heif', tiff: 'tiff' };

/** The moderation record as the API shows it: enough to explain the decision without anything else. */
export function recordView(r: RecordRow) {
  const evidence = JSON.parse(r.evidence) as Pick<ModerationBody, 'reasons' | 'policies' | 'shadow' | 'frames' | 'banks' | 'shadow_banks'>;
  return {
    id: r.id,
    created_at: iso(r.created_at),
    client: r.client,
    external_id: r.external_id,
    decision: r.decision,
    reasons: evidence.reasons,
    policies: evidence.policies,
    shadow: evidence.shadow,
    // Animations: every sampled frame's scores (records written before this field have none).
    ...(evidence.frames ? { frames: evidence.frames } : {}),
    ...(evidence.banks ? { banks: evidence.banks } : {}),
    ...(evidence.shadow_banks ? { shadow_banks: evidence.shadow_banks } : {}),
    model: { id: r.model_id },
    policy_set: { name: r.policy_set_name, version: r.policy_set_version },
    image: {
      format: r.image_format,
      width: r.width,
      height: r.height,
      frames: r.frames,
      bytes: r.bytes,
      sha256: r.sha256,
      ...(r.pdq ? { pdq: r.pdq, pdq_quality: r.pdq_quality } : {}),
      kept: r.blob_key !== null,
      deleted_at: iso(r.blob_deleted_at),
    },
    embedding_dim: r.embedding_dim,
  };
}

/** What storing one moderation writes, worked out (and its image kept) before the commit's transaction. */
export interface RecordPlan {
  row: RecordRow;
  acted: { policy_id: string; action: RecordAction; score: number }[];
  /** The review item the upload opens (REVIEW_ACTIONS, REVIEW_POLICY_ACTIONS), if any. */
  item?: ReviewItemsTable;
  kept: boolean;
  requestId?: string;
  /** Sent as Events.moderationRecorded after the commit's transaction. */
  event: RecordedEvent;
}

/**
 * Moderation records: what one moderation writes (the record, its acted policies, its review item and
 * their audit entries) as steps of the one commit in src/jobs/moderation-commit.service.ts, which
 * owns the transaction; and reading them back.
 */
@Injectable()
export class RecordsService {
  private readonly cfg: StorageConfig;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repo: RecordsRepository,
    private readonly blobs: BlobStore,
    private readonly audit: AuditService,
  ) {
    this.cfg = config.storage;
  }

  /**
   * The rows of `m`'s record, or null when it is not recorded: RECORD_MODE=non-allow and an allow
   * decision, or an unscreened answer. A kept image is stored now, before the transaction: a committed
   * record never points at a missing image (a crash leaves at most an orphan file; `abandon` removes it
   * after a rollback).
   */
  async prepare(m: Moderated, now: number): Promise<RecordPlan | null> {
    const { body, screened } = m;
    if (!screened) return null;
    if (this.cfg.recordMode === 'non-allow' && body.decision === 'allow') return null;
    const { image, embedding } = screened;
    const createdAt = Date.parse(body.created_at) || now;
    const acted = body.policies
      .filter((p) => p.action !== 'allow')
      .map((p) => ({ policy_id: p.policy_id, action: p.action as RecordAction, score: p.score }));
    // An enforced hash-bank match acts like a policy that fired with certainty: filterable, and queued for
    // review by the same rules (REVIEW_ACTIONS) under the name "bank:<bank name>".
    for (const b of body.banks ?? []) acted.push({ policy_id: bankPolicyId(b.bank), action: b.action as RecordAction, score: 1 });
    const review = policiesNeedingReview(acted, this.cfg.reviewActions, this.cfg.reviewPolicyActions);
    const kept = this.cfg.keepImages.includes(body.decision as RecordAction);
    // One key per attempt: a commit that rolls back removes its own file, never the one of an attempt that
    // committed the same moderation (a job whose lease passed to another instance runs twice).
    const blobKey = kept ? `${body.id}-${randomBytes(4).toString('hex')}.${EXT[image.format] ?? 'bin'}` : null;
    const row: RecordRow = {
      id: body.id,
      created_at: createdAt,
      client: body.client,
      external_id: body.external_id ?? null,
      sha256: body.image.sha256,
      image_format: body.image.format,
      width: body.image.width,
      height: body.image.height,
      frames: body.image.frames,
      bytes: body.image.bytes,
      model_id: body.model.id,
      policy_set_name: body.policy_set.name,
      policy_set_version: body.policy_set.version,
      decision: body.decision,
      max_score: maxScore(acted),
      evidence: JSON.stringify({ reasons: body.reasons, policies: body.policies, shadow: body.shadow, ...(body.frames ? { frames: body.frames } : {}), ...(body.banks ? { banks: body.banks } : {}), ...(body.shadow_banks ? { shadow_banks: body.shadow_banks } : {}) }),
      embedding: embeddingToBytes(embedding),
      embedding_dim: embedding.length,
      blob_key: blobKey,
      blob_content_type: null,
      blob_deleted_at: null,
      pdq: body.image.pdq ?? null,
      pdq_quality: body.image.pdq_quality ?? null,
    };
    const item = review.length ? openReviewItem({ moderationId: body.id, origin: 'auto', policies: review.map((p) => p.policy_id), decision: body.decision, maxScore: maxScore(review) }, now) : undefined;
    if (blobKey) await this.blobs.put(blobKey, image.data);
    const event: RecordedEvent = { id: body.id, createdAt, decision: body.decision, modelId: body.model.id, embedding, policies: acted.map((p) => p.policy_id) };
    return { row, acted, item, kept, requestId: m.requestId, event };
  }

  /** In the commit's transaction: the record, its acted policies, its review item, and their audit entries. */
  async insert(trx: Executor, plan: RecordPlan, now: number): Promise<void> {
    const { row, item, requestId } = plan;
    await this.repo.insert(trx, row, plan.acted.map((p) => ({ moderation_id: row.id, ...p })), item);
    await this.audit.append(trx, {
      actor: row.client,
      action: 'moderation.created',
      entityType: 'moderation',
      entityId: row.id,
      after: { decision: row.decision, policy_set_version: row.policy_set_version, model_id: row.model_id, sha256: row.sha256, image_kept: plan.kept },
      requestId,
    }, now);
    if (item) {
      // The upload opened the item: its key is the actor, as for moderation.created above.
      await this.audit.append(trx, { actor: row.client, action: 'review.opened', entityType: 'review', entityId: item.id, after: { moderation_id: row.id, policies: JSON.parse(item.policies) as string[], origin: 'auto' }, requestId }, now);
    }
  }

  /** After the commit's transaction rolled back: the kept image `prepare` stored goes too. */
  async abandon(plan: RecordPlan): Promise<void> {
    if (plan.row.blob_key) await this.blobs.delete(plan.row.blob_key).catch(() => undefined);
  }

  async get(id: string): Promise<RecordRow> {
    const r = await this.repo.get(id);
    if (!r) throw new AppError('not_found', `moderation ${id} is not recorded`, { moderation_id: id });
    return r;
  }
}
