import { CompiledPolicy, PolicyMode, ScoreMode, Severity, Thresholds } from '../decisions/decision.types';

/** One YAML/JSON policy-set document as written (see policies/README.md). */
export interface CalibrationDoc {
  method: 'platt';
  a: number;
  b: number;
  fitted?: string;
}

export interface PolicyDoc {
  id: string;
  description: string;
  prompts?: string[];
  contrast?: string[];
  templates?: string[];
  scoring?: ScoreMode;
  thresholds?: Thresholds;
  severity?: Severity;
  mode?: PolicyMode;
  enabled?: boolean;
  /** Example images: paths relative to the policy folder, or "moderation:<id>". */
  examples?: string[];
  example_thresholds?: Thresholds;
  calibration?: CalibrationDoc;
}

export interface PolicyDefaults {
  scoring?: ScoreMode;
  templates?: string[];
  thresholds?: Thresholds;
  severity?: Severity;
  mode?: PolicyMode;
  /** Appended to every policy's own contrast list (generic look-alikes for softmax scoring). */
  contrast?: string[];
}

export interface PolicySetDoc {
  version: 1;
  name: string;
  description?: string;
  defaults?: PolicyDefaults;
  policies: PolicyDoc[];
}

/** Where something is in a source file; line and column are 1-based. */
export interface SourcePos {
  file: string;
  line: number;
  column: number;
  /** e.g. "policies[2].thresholds.flag" ("" for the document root). */
  path: string;
}

export interface PolicyIssue extends SourcePos {
  level: 'error' | 'warning';
  message: string;
}

/** A policy with defaults applied and its source positions kept for later warnings. */
export interface ResolvedPolicy {
  id: string;
  description: string;
  prompts: string[];
  contrast: string[];
  templates: string[];
  scoring: ScoreMode;
  thresholds: Thresholds;
  severity: Severity;
  mode: PolicyMode;
  enabled: boolean;
  examples: string[];
  exampleThresholds: Thresholds | null;
  calibration: CalibrationDoc | null;
  /** Position of the policy, and of each prompt / contrast prompt / example (same order as the strings). */
  pos: SourcePos;
  promptPos: SourcePos[];
  contrastPos: SourcePos[];
  examplePos: SourcePos[];
}

/** The merge of all files of a directory (or one text): what compilation takes. */
export interface PolicySetSource {
  name: string;
  /** sha256 (12 hex) over sorted file names and contents. */
  version: string;
  files: string[];
  policies: ResolvedPolicy[];
  warnings: PolicyIssue[];
}

export interface CompiledPolicySet {
  name: string;
  version: string;
  files: string[];
  /** Enabled policies only, in file order then document order. */
  policies: CompiledPolicy[];
  warnings: PolicyIssue[];
  /** Distinct embedded texts (template-filled prompts and contrast prompts). */
  promptCount: number;
  compiledAt: string;
  modelId: string | null;
}

/**
 * Resolves example-image references to image embeddings (L2-normalised). A string in the result
 * is the reason that reference could not be used (missing file, undecodable image, unknown id).
 */
export type ExampleResolver = (refs: string[]) => Promise<(Float32Array | string)[]>;

/** The narrow slice of ClipService that policy compilation needs. */
export interface PolicyEmbedder {
  embedTexts(texts: string[]): Promise<Float32Array[]>;
  tokenize(text: string): { truncated: boolean };
  model?: { id: string };
}

export interface PoliciesOptions {
  dir: string;
  watch: boolean;
  similarityWarnBound: number;
  /** Quiet period after the last file event before reloading (editors write in bursts). */
  debounceMs?: number;
  versions?: 'db' | 'file' | 'off';
  versionsFile?: string;
  /** Re-read kept versions this often (other replicas' activations); 0 or absent = only on file changes. */
  syncSeconds?: number;
}

export const POLICIES_OPTIONS = 'POLICIES_OPTIONS';
export const POLICY_EMBEDDER = 'POLICY_EMBEDDER';

export function formatIssue(i: PolicyIssue): string {
  const where = i.path ? ` ${i.path}` : '';
  return `${i.file}:${i.line}:${i.column}${where}: ${i.level === 'warning' ? 'warning: ' : ''}${i.message}`;
}

export class PolicyValidationError extends Error {
  constructor(readonly issues: PolicyIssue[]) {
    super(issues.filter((i) => i.level === 'error').map(formatIssue).join('\n'));
    this.name = 'PolicyValidationError';
  }
}
