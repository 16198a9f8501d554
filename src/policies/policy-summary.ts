import { Thresholds, ScoreMode, Severity, PolicyMode } from '../decisions/decision.types';
import { CompiledPolicySet, PolicyIssue } from './policy.types';

export interface PolicySetSummary {
  name: string;
  version: string;
  modelId: string | null;
  policies: {
    id: string;
    description: string;
    scoring: ScoreMode;
    thresholds: Thresholds;
    severity: Severity;
    mode: PolicyMode;
    promptCount: number;
    contrastCount: number;
    exampleCount: number;
    exampleThresholds?: Thresholds;
    calibration?: { a: number; b: number };
  }[];
  promptCount: number;
  compiledAt: string;
  warnings: PolicyIssue[];
}

/** The GET /v1/policies body: everything but the vectors. */
export function summarizePolicySet(set: CompiledPolicySet): PolicySetSummary {
  return {
    name: set.name,
    version: set.version,
    modelId: set.modelId,
    policies: set.policies.map((p) => ({
      id: p.id,
      description: p.description,
      scoring: p.scoring,
      thresholds: { ...p.thresholds },
      severity: p.severity,
      mode: p.mode,
      promptCount: p.prompts.length,
      contrastCount: p.contrast.length,
      exampleCount: p.examples?.length ?? 0,
      ...(p.exampleThresholds ? { exampleThresholds: { ...p.exampleThresholds } } : {}),
      ...(p.calibration ? { calibration: { ...p.calibration } } : {}),
    })),
    promptCount: set.promptCount,
    compiledAt: set.compiledAt,
    warnings: set.warnings,
  };
}
