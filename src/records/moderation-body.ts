import type { Action } from '../decisions/decision.types';

/**
 * The moderation answer as it is stored, evented and served (POST /v1/moderations, GET /v1/moderations/{id},
 * webhooks). Owned by src/records, the lowest module that keeps it, so that records/ and webhooks/
 * (event data) need no import of moderation/ (src/moderation/moderation.types.ts re-exports these
 * for its callers).
 */
export interface PolicyResultBody {
  policy_id: string;
  action: Action;
  score: number;
  thresholds: { flag?: number; blur?: number; block?: number };
  matched_prompt: string | null;
  matched_similarity: number;
  /** Contrastive policies: the closest contrast prompt (look-alike) and its cosine. */
  closest_contrast?: string;
  contrast_similarity?: number;
  /** Calibrated policies: the score before Platt scaling (`score` is the probability). */
  raw_score?: number;
  /** Policies with example images: best image-to-image cosine and which example it was. */
  example_score?: number;
  matched_example?: string | null;
  example_thresholds?: { flag?: number; blur?: number; block?: number };
  severity: string;
  mode: string;
  frame?: number;
}

/** Animations: one sampled frame's scores (every enforced policy's score and action on that frame alone). */
export interface FrameScoresBody {
  frame: number;
  policies: { policy_id: string; score: number; action: Action }[];
}

/** One bank the upload matched (src/banks): which entry, by which signal, how close. */
export interface BankMatchBody {
  bank_id: string;
  bank: string;
  entry_id: number;
  action: Exclude<Action, 'allow'>;
  mode: 'enforce' | 'shadow';
  signal: 'pdq' | 'pdq-dihedral' | 'sha256' | 'md5' | 'embedding';
  labels: string[];
  distance?: number;
  threshold?: number;
  quality?: number;
  transform?: string;
  similarity?: number;
}

export interface ModerationBody {
  id: string;
  created_at: string;
  decision: Action;
  reasons: string[];
  policies: PolicyResultBody[];
  shadow: PolicyResultBody[];
  /** Animations (more than one sampled frame): every sampled frame's per-policy scores; absent for a still image. */
  frames?: FrameScoresBody[];
  /** Enforced hash banks the upload matched (present only when one did). */
  banks?: BankMatchBody[];
  /** Shadow banks' matches: evidence only (present only when one did). */
  shadow_banks?: BankMatchBody[];
  /** true when a `block` bank matched and the model did not run (BANKS_SKIP_CLIP_ON_BLOCK, or a model fault): no policy evidence. */
  model_skipped?: boolean;
  model: { id: string };
  policy_set: { name: string; version: string };
  image: {
    format: string;
    width: number;
    height: number;
    frames: number;
    frames_scored: number;
    bytes: number;
    sha256: string;
    /** PDQ of the first frame as stored (64 hex digits) and its quality (0..100); absent when it could not be hashed. */
    pdq?: string;
    pdq_quality?: number;
  };
  timings: { decode_ms: number; queue_ms: number; inference_ms: number; decide_ms: number; total_ms: number };
  external_id?: string;
  client: string;
  blurred?: { content_type: string; data_base64: string };
  /** Present (true) only when the model could not screen the image and the API key's failure mode answered instead. */
  unscreened?: boolean;
  failure?: { code: string; mode: string };
}

/**
 * A finished moderation as its commit needs it (src/jobs/moderation-commit.service.ts): the answer,
 * and what its record is made of. `screened` is absent for an unscreened failure-mode answer, which
 * is never recorded (its event and its job or idempotency answer are still committed).
 */
export interface Moderated {
  body: ModerationBody;
  requestId?: string;
  screened?: {
    /** The upload as received (kept when KEEP_IMAGES names the decision) and its format. */
    image: { data: Buffer; format: string };
    /** The first frame's embedding (empty when the model was skipped). */
    embedding: Float32Array;
  };
}
