import { setMaxListeners } from 'events';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { performance } from 'perf_hooks';
import { ClipService } from '../clip/clip.service';
import { ClipError, ImageEmbedding } from '../clip/clip.types';
import { AppError } from '../common/app-error';
import { uploadPool } from '../common/body-pool';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { failureModeFor } from '../config/reliability';
import { BankMatcher, UploadSignals } from '../banks/bank-matcher.service';
import { signalsOf } from '../banks/bank-signals';
import { BankMatch, withBankMatches } from '../decisions/bank-matches';
import { aggregateFrames, FramePolicyResult, FrameScores } from '../decisions/frames';
import { decide } from '../decisions/decide';
import { FrameInput, MediaService } from '../media/media.service';
import { MetricsService } from '../metrics/metrics.service';
import { PolicyRegistry } from '../policies/policy-registry.service';
import { unscreenedBody } from './failure-mode';
import { BankMatchBody, CommitModeration, FrameScoresBody, ModerateOptions, ModerationOutcome, PolicyResultBody } from './moderation.types';
import { fieldError } from '../common/validate-dto';
import { appErrorOfClip } from '../engine/engine-errors';

const round = (ms: number) => Math.round(ms * 100) / 100;

function toBody(r: FramePolicyResult, animated: boolean): PolicyResultBody {
  return {
    policy_id: r.policyId,
    action: r.action,
    score: Math.round(r.score * 1e6) / 1e6,
    thresholds: r.thresholds,
    matched_prompt: r.matchedPrompt,
    matched_similarity: Math.round(r.matchedSimilarity * 1e6) / 1e6,
    // Contrastive, calibrated and example-image policies carry their extra evidence (src/policies).
    ...(r.closestContrast !== undefined ? { closest_contrast: r.closestContrast, contrast_similarity: Math.round(r.contrastSimilarity! * 1e6) / 1e6 } : {}),
    ...(r.rawScore !== undefined ? { raw_score: Math.round(r.rawScore * 1e6) / 1e6 } : {}),
    ...(r.exampleScore !== undefined
      ? { example_score: Math.round(r.exampleScore * 1e6) / 1e6, matched_example: r.matchedExample ?? null, ...(r.exampleThresholds ? { example_thresholds: r.exampleThresholds } : {}) }
      : {}),
    severity: r.severity,
    mode: r.mode,
    ...(animated ? { frame: r.frame } : {}),
  };
}

function frameBody(f: FrameScores): FrameScoresBody {
  return { frame: f.frame, policies: f.policies.map((p) => ({ policy_id: p.policyId, score: Math.round(p.score * 1e6) / 1e6, action: p.action })) };
}

function bankBody(m: BankMatch): BankMatchBody {
  return {
    bank_id: m.bankId,
    bank: m.bankName,
    entry_id: m.entryId,
    action: m.action,
    mode: m.mode,
    signal: m.signal,
    labels: m.labels,
    ...(m.distance !== undefined ? { distance: m.distance, threshold: m.threshold, quality: m.quality } : {}),
    ...(m.transform ? { transform: m.transform } : {}),
    ...(m.similarity !== undefined ? { similarity: m.similarity, threshold: m.threshold } : {}),
  };
}

/**
 * Orchestrates one moderation: intake -> hashes and bank matches (the first frame decoded once when PDQ is taken) ->
 * embed (every sampled frame) -> decide (policies and banks) -> respond.
 */
@Injectable()
export class ModerationService {
  private readonly log = new Logger('Moderation');
  @Inject(APP_CONFIG) private readonly config!: AppConfig;
  @Optional() @Inject(BankMatcher) private readonly banks?: BankMatcher;

  constructor(
    private readonly media: MediaService,
    private readonly clip: ClipService,
    private readonly registry: PolicyRegistry,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * `commit` is the caller's: it writes the moderation and whatever completes with it (the async job,
   * the Idempotency-Key answer) in one transaction (src/jobs/moderation-commit.service.ts). It is
   * awaited before this returns, so an answer is never given for a decision that is not committed.
   */
  async moderate(data: Buffer, opts: ModerateOptions, commit: CommitModeration): Promise<ModerationOutcome> {
    const t0 = performance.now();
    // One reference for the whole request: a hot reload mid-request cannot mix two policy sets.
    const set = this.registry.current();
    if (opts.policies?.length) {
      const known = new Set(set.policies.map((p) => p.id));
      const unknown = opts.policies.filter((id) => !known.has(id));
      if (unknown.length) {
        throw fieldError('policies', 'knownPolicy', `unknown policy id(s): ${unknown.join(', ')}`, { unknown, known: [...known] });
      }
    }
    const image = await this.media.intake(data);
    // PDQ and MD5 only where they are used (HASH_UPLOADS): a bank holds entries of them, or every upload is hashed.
    const hashAll = this.config.banks.hashUploads === 'always';
    const wants = this.banks?.wants ?? { pdq: false, md5: false };
    const takePdq = hashAll || wants.pdq;
    // The first frame is decoded once, at the scale PDQ's thumbnail needs, and the engine embeds those
    // pixels; an image nobody hashes is left to the engine's own (smaller) decode where that is faithful.
    const pixels =
      takePdq || !this.media.engineDecodesFirstFrame(image)
        ? await this.media.pixels(image) // 422 image_undecodable when the pixels do not decode
        : undefined;
    const signals: UploadSignals = signalsOf(image.data, takePdq ? (pixels ?? null) : null, takePdq && (this.banks?.needsDihedral ?? false), hashAll || wants.md5);
    let bankMatches = this.banks ? await this.banks.match(signals) : [];
    const tIntake = performance.now();
    let skipModel = this.config.banks.skipClipOnBlock && BankMatcher.blocks(bankMatches);
    // One deadline for the whole request (every sampled frame); a model fault may be answered by the key's failure mode.
    const deadlineAt = t0 + this.config.reliability.deadlineMs;
    let embeddings: ImageEmbedding[] = [];
    try {
      if (!skipModel) {
      // The first frame that fails fails the request: its other frames leave the model queue.
      const cancel = new AbortController();
      // One abort listener per sampled frame waits on this signal (MEDIA_SAMPLED_FRAMES may exceed Node's default warning limit of 10).
      setMaxListeners(Math.max(10, image.sampledFrames.length + 1), cancel.signal);
      embeddings = await Promise.all(
        image.sampledFrames.map((page) =>
          this.embed(this.media.frameInput(image, page, pixels), deadlineAt, cancel.signal).catch((e: unknown) => {
            cancel.abort();
            throw e;
          }),
        ),
      );
      }
    } catch (e) {
      const mode = failureModeFor(this.config.reliability, opts.client);
      const body = unscreenedBody(e, mode, { image, opts, modelId: this.clip.model.id, policySet: { name: set.name, version: set.version }, elapsedMs: performance.now() - t0 });
      if (!body) throw e;
      this.log.warn(`request ${opts.requestId}: ${body.reasons[0]}`);
      if (!BankMatcher.blocks(bankMatches)) {
        // Unscreened: never recorded, but its event and its job or idempotency answer are committed.
        await commit({ body, requestId: opts.requestId });
        this.metrics.decisions.inc({ decision: body.decision });
        return { body };
      }
      // A block bank already decided: the model's fault costs the policies' evidence, not the answer.
      skipModel = true;
      embeddings = [];
    }
    const tEmbed = performance.now();
    const embedding = embeddings[0]?.embedding ?? new Float32Array(0);
    if (this.banks && embeddings.length) bankMatches = [...bankMatches, ...(await this.banks.matchEmbedding(embedding))];
    const logitScale = this.clip.model.logitScale;
    const perFrame = embeddings.map((e) => decide(e.embedding, set.policies, { logitScale, only: opts.policies }));
    const policyResult = skipModel ? { decision: 'allow' as const, reasons: [], policies: [], shadow: [] } : aggregateFrames(perFrame, image.sampledFrames);
    const withBanks = withBankMatches(policyResult.decision, policyResult.reasons, bankMatches);
    const result = { ...policyResult, decision: withBanks.decision, reasons: withBanks.reasons };
    const tDecide = performance.now();
    const ms = (pick: (e: ImageEmbedding) => number) => (embeddings.length ? Math.max(...embeddings.map(pick)) : 0);
    const animated = image.sampledFrames.length > 1;
    const outcome: ModerationOutcome = {
      body: {
        id: opts.id ?? randomUUID(),
        created_at: new Date().toISOString(),
        decision: result.decision,
        reasons: result.reasons,
        policies: result.policies.map((r) => toBody(r, animated)),
        shadow: result.shadow.map((r) => toBody(r, animated)),
        ...('frames' in result && result.frames ? { frames: result.frames.map(frameBody) } : {}),
        ...(withBanks.banks.length ? { banks: withBanks.banks.map(bankBody) } : {}),
        ...(withBanks.shadowBanks.length ? { shadow_banks: withBanks.shadowBanks.map(bankBody) } : {}),
        ...(skipModel ? { model_skipped: true } : {}),
        model: { id: this.clip.model.id },
        policy_set: { name: set.name, version: set.version },
        image: {
          format: image.format,
          width: image.width,
          height: image.height,
          frames: image.frames,
          frames_scored: image.sampledFrames.length,
          bytes: image.bytes,
          sha256: image.sha256,
          ...(signals.pdq && signals.pdq.quality > 0 ? { pdq: signals.pdq.hex, pdq_quality: signals.pdq.quality } : {}),
        },
        timings: {
          decode_ms: round(tIntake - t0 + ms((e) => e.timings.preprocessMs)),
          queue_ms: round(ms((e) => e.timings.queueMs)),
          inference_ms: round(ms((e) => e.timings.inferenceMs)),
          decide_ms: round(tDecide - tEmbed),
          total_ms: 0,
        },
        client: opts.client,
        ...(opts.externalId ? { external_id: opts.externalId } : {}),
      },
    };
    const wantsBlur = opts.blur === 'always' || opts.blur === 'image' || (opts.blur === 'inline' && result.decision === 'blur');
    if (wantsBlur) {
      const blurred = await this.media.blur(image);
      if (opts.blur === 'image') outcome.image = blurred;
      else outcome.body.blurred = { content_type: blurred.contentType, data_base64: blurred.data.toString('base64') };
    }
    // The stored copies of this body (an async job's result, the idempotent replay) are written inside
    // the commit's transaction, so they carry the time up to the commit; the live answer adds the commit.
    outcome.body.timings.total_ms = round(performance.now() - t0);
    // Committed before we answer: a 2xx decision is never lost.
    await commit({ body: outcome.body, requestId: opts.requestId, screened: { image, embedding } });
    // The last read of the upload: every frame is decoded, the blur made, the image stored. Its
    // memory goes back to the upload pool (a no-op for bytes that did not come from it).
    uploadPool.release(data);
    const total = performance.now() - t0;
    outcome.body.timings.total_ms = round(total);
    this.metrics.decisions.inc({ decision: result.decision });
    this.metrics.moderationDuration.observe({ decision: result.decision }, total / 1000);
    return outcome;
  }

  private async embed(input: FrameInput, deadlineAt: number, signal?: AbortSignal): Promise<ImageEmbedding> {
    try {
      return await this.clip.embedImage(input, { deadlineMs: deadlineAt - performance.now(), signal });
    } catch (e) {
      // Withdrawn because a sibling frame already failed the request: nobody reads this error.
      if (e instanceof ClipError && e.code === 'cancelled') throw e;
      throw this.mapClipError(e);
    }
  }

  private mapClipError(e: unknown): AppError {
    const mapped = appErrorOfClip(e);
    if (mapped instanceof AppError) return mapped;
    this.log.error(`unexpected embedding failure: ${(e as Error)?.stack ?? String(e)}`);
    return new AppError('internal_error', 'internal error while embedding the image');
  }
}
