import { randomUUID } from 'crypto';
import { AppError } from '../common/app-error';
import { FailureMode } from '../config/reliability';
import type { Action } from '../decisions/decision.types';
import type { MediaImage } from '../media/media.service';
import { ModerateOptions, ModerationBody } from './moderation.types';

/** Model faults a failure mode may answer for; overload stays a 503 (back-pressure: retry later). */
const MODEL_FAULTS = new Set(['model_unavailable', 'deadline_exceeded']);

const DECISION: Record<Exclude<FailureMode, 'error'>, Action> = { open: 'allow', block: 'block', review: 'flag' };
const WHAT: Record<Exclude<FailureMode, 'error'>, string> = {
  open: 'allowed unscreened (fail open)',
  block: 'blocked unscreened (fail closed)',
  review: 'held for human review unscreened (fail closed)',
};

/**
 * What a client gets while the model cannot screen its image, per API key (FAILURE_MODES): `error`
 * passes the 503 through; `open` allows, `block` blocks, `review` flags for review, each marked
 * `"unscreened": true` with the fault that caused it. Returns null when the error is not a model
 * fault or the key's mode is `error`.
 */
export function unscreenedBody(
  err: unknown,
  mode: FailureMode,
  ctx: { image: MediaImage; opts: ModerateOptions; modelId: string; policySet: { name: string; version: string }; elapsedMs: number },
): ModerationBody | null {
  if (mode === 'error' || !(err instanceof AppError) || !MODEL_FAULTS.has(err.code)) return null;
  const { image, opts } = ctx;
  const ms = Math.round(ctx.elapsedMs * 100) / 100;
  return {
    id: opts.id ?? randomUUID(),
    created_at: new Date().toISOString(),
    decision: DECISION[mode],
    reasons: [`unscreened: ${err.code} (${err.message}); ${WHAT[mode]}`],
    policies: [],
    shadow: [],
    model: { id: ctx.modelId },
    policy_set: ctx.policySet,
    image: {
      format: image.format,
      width: image.width,
      height: image.height,
      frames: image.frames,
      frames_scored: 0,
      bytes: image.bytes,
      sha256: image.sha256,
    },
    timings: { decode_ms: 0, queue_ms: 0, inference_ms: 0, decide_ms: 0, total_ms: ms },
    client: opts.client,
    ...(opts.externalId ? { external_id: opts.externalId } : {}),
    unscreened: true,
    failure: { code: err.code, mode },
  };
}
