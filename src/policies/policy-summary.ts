import { Thresholds, ScoreMode, Severity, PolicyMode } from '../decisions/decision.types';
import { issueView } from './authoring/candidate';
import { CompiledPolicySet } from './policy.types';

/** The GET /v1/policies body, snake_case like the rest of the API. */
export interface PolicySetSummary {
  name: string;
  version: string;
  model_id: string | null;
  policies: {
    id: string;
    description: string;
    scoring: ScoreMode;
    thresholds: Thresholds;
    severity: Severity;
    mode: PolicyMode;
    prompt_count: number;
    contrast_count: number;
    example_count: number;
    example_thresholds?: Thresholds;
    calibration?: { a: number; b: number };
  }[];
  prompt_count: number;
  compiled_at: string;
  warnings: ReturnType<typeof issueView>[];
}

/** Everything but the vectors. */
export function summarizePolicySet(set: CompiledPolicySet): PolicySetSummary {
  return {
    name: set.name,
    version: set.version,
    model_id: set.modelId,
    policies: set.policies.map((p) => ({
      id: p.id,
      description: p.description,
      scoring: p.scoring,
      thresholds: { ...p.thresholds },
      severity: p.severity,
      mode: p.mode,
      prompt_count: p.prompts.length,
      contrast_count: p.contrast.length,
      example_count: p.examples?.length ?? 0,
      ...(p.exampleThresholds ? { example_thresholds: { ...p.exampleThresholds } } : {}),
      ...(p.calibration ? { calibration: { a: p.calibration.a, b: p.calibration.b } } : {}),
    })),
    prompt_count: set.promptCount,
    compiled_at: set.compiledAt,
    warnings: set.warnings.map(issueView),
  };
}
