/** Severity order matters: allow < flag < blur < block (see ACTION_ORDER). */
export type Action = 'allow' | 'flag' | 'blur' | 'block';
export const ACTION_ORDER: readonly Action[] = ['allow', 'flag', 'blur', 'block'];

export type ScoreMode = 'similarity' | 'softmax' | 'contrastive';
export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type PolicyMode = 'enforce' | 'shadow';

export interface Thresholds {
  flag?: number;
  blur?: number;
  block?: number;
}

/** `vector` is L2-normalised (template-ensembled), so a dot product is a cosine. */
export interface CompiledPrompt {
  text: string;
  vector: Float32Array;
}

export interface CompiledPolicy {
  id: string;
  description: string;
  severity: Severity;
  mode: PolicyMode;
  scoring: ScoreMode;
  thresholds: Thresholds;
  prompts: CompiledPrompt[];
  contrast: CompiledPrompt[];
  /**
   * Example images (image embeddings; `text` names the example). An image matches them by
   * image-to-image cosine, judged against `exampleThresholds` (cosine units).
   */
  examples?: CompiledPrompt[];
  exampleThresholds?: Thresholds;
  /** Opt-in Platt scaling of the policy's score: thresholds are then in probability units. */
  calibration?: { a: number; b: number } | null;
}

export interface PolicyResult {
  policyId: string;
  score: number;
  thresholds: Thresholds;
  action: Action;
  /** The policy's own prompt closest to the image (evidence), null when it has none. */
  matchedPrompt: string | null;
  matchedSimilarity: number;
  /**
   * Contrastive scoring: the contrast prompt closest to the image and its cosine. When it beats the
   * best prompt, the score is the prompt similarity lowered by the difference.
   */
  closestContrast?: string;
  contrastSimilarity?: number;
  /** The score before calibration (present only for calibrated policies). */
  rawScore?: number;
  /** Highest image-to-image cosine with the policy's examples (present only when it has examples). */
  exampleScore?: number;
  matchedExample?: string | null;
  exampleThresholds?: Thresholds;
  /** What reached the acting threshold: the prompt score or the example similarity. */
  actedOn?: 'score' | 'examples';
  mode: PolicyMode;
  severity: Severity;
}

export interface DecisionResult {
  decision: Action;
  /** Enforced policies, in policy order. */
  policies: PolicyResult[];
  /** Shadow policies: scored, never change `decision`. */
  shadow: PolicyResult[];
  /** Human readable, e.g. `weapons: score 0.31 >= block 0.28 (matched "a pistol")`. */
  reasons: string[];
}

export interface DecideOptions {
  logitScale: number;
  /** Evaluate only these policy ids (other enforced policies still compete as softmax candidates). */
  only?: string[];
}
