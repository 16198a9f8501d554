import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { APP_CONFIG, AppConfig, RecordAction, StorageConfig } from '../config/configuration';
import type { ModerationBody } from './moderation-body';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import type { Database } from '../storage/database.types';
import type { Transaction } from 'kysely';
import { BlobStore } from './blob-store';
import { iso } from './query';
import { RecordRow, RecordsRepository } from './records.repository';
import { bankPolicyId, maxScore, policiesNeedingReview } from './review-rules';

export interface RecordedEvent {
  id: string;
  createdAt: number;
  decision: string;
  modelId: string;
  embedding: Float32Array;
  policies: string[];
}

/**
 * Runs inside the transaction that stores a moderation, after its rows: whatever it writes commits or
 * rolls back with the decision (the outbox event, the async job's completion). Throwing aborts the record.
 */
export type RecordTransactionHook = (trx: Transaction<Database>, body: ModerationBody, ctx: { requestId?: string }) => Promise<void>;

const EXT: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif', avif: 'avif', heif: 'heif', tiff: 'tiff' };

export function embeddingToBytes(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

export function bytesToEmbedding(b: Buffer): Float32Array {
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}

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

/**
 * Records every moderation (or every non-allow one) in one transaction with its review item and
 * audit entry. The moderation service awaits this before answering, so a 2xx means committed.
 */
@Injectable()
export class RecordsService {
  private readonly log = new Logger('Records');
  private readonly cfg: StorageConfig;
  private readonly listeners: ((e: RecordedEvent) => void)[] = [];
  private readonly txHooks: RecordTransactionHook[] = [];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly repo: RecordsRepository,
    private readonly blobs: BlobStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.cfg = config.storage;
  }

  /** Called after each commit (the search index appends the embedding). */
  onRecorded(listener: (e: RecordedEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Extension point: `hook` joins every record's transaction (src/outbox, src/jobs, src/idempotency). */
  addTransactionHook(hook: RecordTransactionHook): void {
    this.txHooks.push(hook);
  }

  async record(body: ModerationBody, image: { data: Buffer; format: string }, embedding: Float32Array, requestId?: string): Promise<void> {
    if (this.cfg.recordMode === 'non-allow' && body.decision === 'allow') return;
    const now = this.clock.now();
    const createdAt = Date.parse(body.created_at) || now;
    const acted = body.policies
      .filter((p) => p.action !== 'allow')
      .map((p) => ({ policy_id: p.policy_id, action: p.action as RecordAction, score: p.score }));
    // An enforced hash-bank match acts like a policy that fired with certainty: filterable, and queued for
    // review by the same rules (REVIEW_ACTIONS) under the name "bank:<bank name>".
    for (const b of body.banks ?? []) acted.push({ policy_id: bankPolicyId(b.bank), action: b.action as RecordAction, score: 1 });
    const review = policiesNeedingReview(acted, this.cfg.reviewActions, this.cfg.reviewPolicyActions);
    const keep = this.cfg.keepImages.includes(body.decision as RecordAction);
    const blobKey = keep ? `${body.id}.${EXT[image.format] ?? 'bin'}` : null;
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
    try {
      // The blob first: a committed record never points at a missing image (a crash leaves at most an orphan file).
      if (blobKey) await this.blobs.put(blobKey, image.data);
      await this.storage.transaction(async (trx) => {
        const item = review.length
          ? {
              id: randomUUID(),
              moderation_id: body.id,
              status: 'open',
              origin: 'auto',
              policies: JSON.stringify(review.map((p) => p.policy_id)),
              decision: body.decision,
              max_score: maxScore(review),
              created_at: now,
              opened_at: now,
              updated_at: now,
              lease_holder: null,
              lease_expires_at: null,
              last_verdict: null,
              closed_at: null,
              appeal_count: 0,
            }
          : undefined;
        await this.repo.insert(trx, row, acted.map((p) => ({ moderation_id: body.id, ...p })), item);
        await this.audit.append(trx, {
          actor: body.client,
          action: 'moderation.created',
          entityType: 'moderation',
          entityId: body.id,
          after: { decision: body.decision, policy_set_version: body.policy_set.version, model_id: body.model.id, sha256: body.image.sha256, image_kept: keep },
          requestId,
        }, now);
        if (item) {
          // The upload opened the item: its key is the actor, as for moderation.created above.
          await this.audit.append(trx, { actor: body.client, action: 'review.opened', entityType: 'review', entityId: item.id, after: { moderation_id: body.id, policies: review.map((p) => p.policy_id), origin: 'auto' }, requestId }, now);
        }
        for (const hook of this.txHooks) await hook(trx, body, { requestId });
      });
    } catch (e) {
      if (blobKey) await this.blobs.delete(blobKey).catch(() => undefined);
      this.log.error(`could not record moderation ${body.id}: ${(e as Error)?.stack ?? e}`);
      throw new AppError('internal_error', 'the decision could not be stored; it was not applied', { moderation_id: body.id });
    }
    const event: RecordedEvent = { id: body.id, createdAt, decision: body.decision, modelId: body.model.id, embedding, policies: acted.map((p) => p.policy_id) };
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        this.log.warn(`record listener failed: ${(err as Error).message}`);
      }
    }
  }

  async get(id: string): Promise<RecordRow> {
    const r = await this.repo.get(id);
    if (!r) throw new AppError('not_found', `moderation ${id} is not recorded`, { moderation_id: id });
    return r;
  }
}
