import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

const TIME = { type: String, format: 'date-time', example: '2026-12-05T07:30:00.000Z' } as const;
const ACTIONS = ['allow', 'flag', 'blur', 'block'];
const SCORINGS = ['similarity', 'softmax', 'contrastive'];
const MODES = ['enforce', 'shadow'];
const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

/** A validation error or warning with its position in the document. */
export class PolicyIssueResponse {
  @ApiProperty({ example: 'default.yaml' })
  file!: string;

  @ApiProperty({ type: 'integer', example: 12 })
  line!: number;

  @ApiProperty({ type: 'integer', example: 7 })
  column!: number;

  @ApiProperty({ description: 'Path in the document ("" for the root)', example: 'policies[2].thresholds.flag' })
  path!: string;

  @ApiProperty({ enum: ['error', 'warning'] })
  level!: string;

  @ApiProperty({ example: 'flag must be below blur' })
  message!: string;
}

export class ThresholdsResponse {
  @ApiPropertyOptional({ example: 0.24 })
  flag?: number;

  @ApiPropertyOptional({ example: 0.27 })
  blur?: number;

  @ApiPropertyOptional({ example: 0.3 })
  block?: number;
}

export class PlattParamsResponse {
  @ApiProperty({ example: 31.2 })
  a!: number;

  @ApiProperty({ example: -8.4 })
  b!: number;
}

export class PolicySummaryResponse {
  @ApiProperty({ example: 'weapons' })
  id!: string;

  @ApiProperty({ example: 'Firearms and knives' })
  description!: string;

  @ApiProperty({ enum: SCORINGS })
  scoring!: string;

  @ApiProperty({ type: ThresholdsResponse })
  thresholds!: ThresholdsResponse;

  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'] })
  severity!: string;

  @ApiProperty({ enum: MODES })
  mode!: string;

  @ApiProperty({ type: 'integer' })
  prompt_count!: number;

  @ApiProperty({ type: 'integer' })
  contrast_count!: number;

  @ApiProperty({ type: 'integer' })
  example_count!: number;

  @ApiPropertyOptional({ type: ThresholdsResponse, description: 'Present when the policy has example images (cosine units)' })
  example_thresholds?: ThresholdsResponse;

  @ApiPropertyOptional({ type: PlattParamsResponse, description: 'Present for calibrated policies (thresholds are then probabilities)' })
  calibration?: PlattParamsResponse;
}

/** GET /v1/policies */
export class PolicySetSummaryResponse {
  @ApiProperty({ example: 'default' })
  name!: string;

  @ApiProperty({ example: 'default@3:1a2b3c4d' })
  version!: string;

  @ApiProperty({ type: String, nullable: true, example: 'clipguard-demo-clip' })
  model_id!: string | null;

  @ApiProperty({ type: PolicySummaryResponse, isArray: true })
  policies!: PolicySummaryResponse[];

  @ApiProperty({ type: 'integer' })
  prompt_count!: number;

  @ApiProperty(TIME)
  compiled_at!: string;

  @ApiProperty({ type: PolicyIssueResponse, isArray: true })
  warnings!: PolicyIssueResponse[];
}

/** POST /v1/policies/validate */
export class ValidateDraftResponse {
  @ApiProperty()
  valid!: boolean;

  @ApiProperty({ description: 'The file name the draft was judged as (its namesake in the active set, or draft.yaml)', example: 'default.yaml' })
  file!: string;

  @ApiProperty({ type: PolicyIssueResponse, isArray: true })
  errors!: PolicyIssueResponse[];

  @ApiProperty({ type: PolicyIssueResponse, isArray: true })
  warnings!: PolicyIssueResponse[];

  @ApiProperty({ type: [String], description: 'Policy ids of the compiled set (empty when invalid)' })
  policies!: string[];
}

export class PolicySetRefResponse {
  @ApiProperty({ example: 'default' })
  name!: string;

  @ApiProperty({ example: 'default@3:1a2b3c4d' })
  version!: string;
}

export class ModelRefResponse {
  @ApiProperty({ type: String, nullable: true, example: 'clipguard-demo-clip' })
  id!: string | null;
}

/** One policy's result on the previewed image. */
export class PolicyScoreResponse {
  @ApiProperty({ enum: ACTIONS })
  action!: string;

  @ApiProperty({ example: 0.31 })
  score!: number;

  @ApiPropertyOptional({ description: 'Calibrated policies: the score before calibration' })
  raw_score?: number;

  @ApiProperty({ type: ThresholdsResponse })
  thresholds!: ThresholdsResponse;

  @ApiProperty({ type: String, nullable: true, example: 'a photo of a pistol' })
  matched_prompt!: string | null;

  @ApiPropertyOptional({ description: 'Contrastive scoring: the closest contrast prompt' })
  closest_contrast?: string;

  @ApiPropertyOptional()
  contrast_similarity?: number;

  @ApiPropertyOptional({ description: 'Policies with example images: the highest image-to-image cosine' })
  example_score?: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  matched_example?: string | null;

  @ApiProperty({ enum: MODES })
  mode!: string;
}

export class PreviewSideResponse {
  @ApiProperty({ type: PolicySetRefResponse })
  policy_set!: PolicySetRefResponse;

  @ApiProperty({ enum: ACTIONS })
  decision!: string;

  @ApiProperty({ type: [String], example: ['weapons: score 0.31 >= block 0.28 (matched "a pistol")'] })
  reasons!: string[];
}

export class PreviewPolicyResponse {
  @ApiProperty({ example: 'weapons' })
  policy_id!: string;

  @ApiProperty({ type: PolicyScoreResponse, nullable: true, description: 'null: not in the active set' })
  active!: PolicyScoreResponse | null;

  @ApiProperty({ type: PolicyScoreResponse, nullable: true, description: 'null: not in the draft' })
  draft!: PolicyScoreResponse | null;

  @ApiProperty({ description: 'The action differs between the two' })
  changed!: boolean;
}

/** POST /v1/policies/preview */
export class PreviewDraftResponse {
  @ApiProperty({ type: ModelRefResponse })
  model!: ModelRefResponse;

  @ApiProperty({ type: 'integer', description: 'Frames scored (animations: several)' })
  frames_scored!: number;

  @ApiProperty({ type: PreviewSideResponse })
  active!: PreviewSideResponse;

  @ApiProperty({ type: PreviewSideResponse })
  draft!: PreviewSideResponse;

  @ApiProperty()
  decision_changed!: boolean;

  @ApiProperty({ type: PreviewPolicyResponse, isArray: true })
  policies!: PreviewPolicyResponse[];
}

/** Confusion counts and rates at one threshold. */
export class ScoredConfusionResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'null where no single threshold applies (acted, overall)' })
  threshold!: number | null;

  @ApiProperty({ type: 'integer' })
  tp!: number;

  @ApiProperty({ type: 'integer' })
  fp!: number;

  @ApiProperty({ type: 'integer' })
  tn!: number;

  @ApiProperty({ type: 'integer' })
  fn!: number;

  @ApiProperty()
  precision!: number;

  @ApiProperty()
  recall!: number;

  @ApiProperty({ description: 'False positive rate' })
  fpr!: number;

  @ApiProperty()
  f1!: number;
}

export class AtThresholdsResponse {
  @ApiPropertyOptional({ type: ScoredConfusionResponse })
  flag?: ScoredConfusionResponse;

  @ApiPropertyOptional({ type: ScoredConfusionResponse })
  blur?: ScoredConfusionResponse;

  @ApiPropertyOptional({ type: ScoredConfusionResponse })
  block?: ScoredConfusionResponse;
}

export class CurvePointResponse {
  @ApiProperty()
  threshold!: number;

  @ApiProperty()
  precision!: number;

  @ApiProperty()
  recall!: number;
}

export class TargetPointResponse extends CurvePointResponse {
  @ApiProperty({ description: 'The target asked for' })
  target!: number;

  @ApiProperty()
  f1!: number;
}

export class ReliabilityBinResponse {
  @ApiProperty()
  lo!: number;

  @ApiProperty()
  hi!: number;

  @ApiProperty({ type: 'integer' })
  count!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'null when the bin is empty' })
  mean_predicted!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'null when the bin is empty' })
  observed!: number | null;
}

export class ReliabilityResponse {
  @ApiProperty({ type: ReliabilityBinResponse, isArray: true })
  bins!: ReliabilityBinResponse[];

  @ApiProperty({ description: 'Expected calibration error' })
  ece!: number;

  @ApiProperty({ description: 'Brier score' })
  brier!: number;
}

export class PolicyCalibrationReportResponse {
  @ApiProperty({ type: PlattParamsResponse, nullable: true, description: 'Platt parameters fitted on all samples; null when too few of a class' })
  fitted!: PlattParamsResponse | null;

  @ApiPropertyOptional({ description: 'Why nothing was fitted' })
  note?: string;

  @ApiProperty({ type: ReliabilityResponse, description: 'Reliability of the score as the engine produces it now' })
  before!: ReliabilityResponse;

  @ApiProperty({ type: ReliabilityResponse, nullable: true, description: 'Reliability of out-of-fold Platt probabilities' })
  after!: ReliabilityResponse | null;
}

export class PolicyEvaluationResponse {
  @ApiProperty({ example: 'weapons' })
  policy_id!: string;

  @ApiProperty({ enum: MODES })
  mode!: string;

  @ApiProperty({ enum: SCORINGS })
  scoring!: string;

  @ApiProperty()
  calibrated!: boolean;

  @ApiProperty({ type: ThresholdsResponse })
  thresholds!: ThresholdsResponse;

  @ApiProperty({ type: 'integer' })
  positives!: number;

  @ApiProperty({ type: 'integer' })
  negatives!: number;

  @ApiProperty({ type: AtThresholdsResponse, description: 'Confusion at each threshold the policy sets' })
  at_thresholds!: AtThresholdsResponse;

  @ApiProperty({ type: ScoredConfusionResponse, description: '"The policy acted" (any action) against the label' })
  acted!: ScoredConfusionResponse;

  @ApiProperty()
  average_precision!: number;

  @ApiProperty({ type: CurvePointResponse, isArray: true, description: 'Precision-recall curve, threshold descending' })
  curve!: CurvePointResponse[];

  @ApiProperty({ type: TargetPointResponse, nullable: true })
  for_precision!: TargetPointResponse | null;

  @ApiProperty({ type: TargetPointResponse, nullable: true })
  for_recall!: TargetPointResponse | null;

  @ApiProperty({ type: PolicyCalibrationReportResponse })
  calibration!: PolicyCalibrationReportResponse;
}

export class SampleCountsResponse {
  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({ ...COUNTS, example: { weapons: 12, none: 30 } })
  by_label!: Record<string, number>;
}

export class TargetsResponse {
  @ApiProperty({ example: 0.9 })
  precision!: number;

  @ApiProperty({ example: 0.9 })
  recall!: number;
}

export class SampleScoreResponse {
  @ApiProperty()
  score!: number;

  @ApiProperty()
  raw_score!: number;

  @ApiProperty({ enum: ACTIONS })
  action!: string;
}

export class SampleOutcomeResponse {
  @ApiProperty({ example: 'weapons/dagger.png' })
  name!: string;

  @ApiProperty({ example: 'weapons' })
  label!: string;

  @ApiProperty({ enum: ACTIONS })
  decision!: string;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(SampleScoreResponse) }, description: 'Per policy id' })
  scores!: Record<string, SampleScoreResponse>;
}

export class FailedSampleResponse {
  @ApiProperty()
  name!: string;

  @ApiProperty()
  error!: string;
}

/** POST /v1/policies/evaluate (format=json) */
export class EvaluationReportResponse {
  @ApiProperty({ enum: ['archive', 'verdicts'] })
  source!: string;

  @ApiProperty({ type: [String], description: 'Archive entries that were not images in <label>/ folders' })
  skipped!: string[];

  @ApiProperty({ type: PolicySetRefResponse })
  policy_set!: PolicySetRefResponse;

  @ApiProperty({ type: String, nullable: true })
  model_id!: string | null;

  @ApiProperty(TIME)
  created_at!: string;

  @ApiProperty({ type: SampleCountsResponse })
  samples!: SampleCountsResponse;

  @ApiProperty({ type: [String], description: 'Labels that name no policy of the set (negatives everywhere)' })
  unknown_labels!: string[];

  @ApiProperty({ type: TargetsResponse })
  targets!: TargetsResponse;

  @ApiProperty({ type: PolicyEvaluationResponse, isArray: true })
  policies!: PolicyEvaluationResponse[];

  @ApiProperty({ type: ScoredConfusionResponse, description: 'Image level: decision != allow against "label is not none"' })
  overall!: ScoredConfusionResponse;

  @ApiProperty({ type: SampleOutcomeResponse, isArray: true })
  outcomes!: SampleOutcomeResponse[];

  @ApiProperty({ type: FailedSampleResponse, isArray: true, description: 'Samples that could not be decoded' })
  failed!: FailedSampleResponse[];
}

export class ShadowWouldHaveResponse {
  @ApiProperty({ type: 'integer' })
  flag!: number;

  @ApiProperty({ type: 'integer' })
  blur!: number;

  @ApiProperty({ type: 'integer' })
  block!: number;
}

export class ShadowVerdictsResponse {
  @ApiProperty({ type: 'integer' })
  reviewed!: number;

  @ApiProperty({ type: 'integer', description: 'Acted and upheld, or allowed and overturned' })
  agree!: number;

  @ApiProperty({ type: 'integer', description: 'Acted but overturned' })
  false_positive!: number;

  @ApiProperty({ type: 'integer', description: 'Allowed but upheld' })
  missed!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'agree / reviewed; null without reviews' })
  agreement!: number | null;
}

export class ShadowPolicyStatsResponse {
  @ApiProperty({ example: 'weapons-strict' })
  policy_id!: string;

  @ApiProperty({ type: 'integer', description: 'Recorded moderations it was scored on' })
  scored!: number;

  @ApiProperty({ type: ShadowWouldHaveResponse })
  would_have!: ShadowWouldHaveResponse;

  @ApiProperty({ type: 'integer' })
  would_have_acted!: number;

  @ApiProperty({ type: 'integer', description: 'It would have acted where the enforced set allowed' })
  new_actions!: number;

  @ApiProperty({ type: 'integer', description: 'Both it and the enforced set acted' })
  overlap!: number;

  @ApiProperty({ type: 'integer', description: 'The enforced set acted and it would have allowed' })
  enforced_only!: number;

  @ApiProperty({ type: ShadowVerdictsResponse })
  verdicts!: ShadowVerdictsResponse;
}

export class TimeWindowResponse {
  @ApiProperty(TIME)
  from!: string;

  @ApiProperty(TIME)
  to!: string;
}

/** GET /v1/policies/shadow-stats */
export class ShadowStatsResponse {
  @ApiProperty({ type: TimeWindowResponse })
  window!: TimeWindowResponse;

  @ApiProperty({ type: 'integer', description: 'Recorded moderations read' })
  records!: number;

  @ApiProperty({ type: ShadowPolicyStatsResponse, isArray: true })
  policies!: ShadowPolicyStatsResponse[];

  @ApiProperty({ description: 'More than 100 000 moderations in the window: the newest were read' })
  truncated!: boolean;

  @ApiProperty({ type: String, nullable: true })
  policy_set_version!: string | null;

  @ApiPropertyOptional({ description: 'Present without a database: nothing is recorded' })
  note?: string;
}
