import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PlattParamsResponse, PolicyIssueResponse, PolicySetRefResponse } from '../../dto/policy.response';

const TIME = { type: String, format: 'date-time', example: '2026-12-05T07:30:00.000Z' } as const;

export class PolicySetListItemResponse {
  @ApiProperty({ example: 'default' })
  name!: string;

  @ApiProperty({ type: 'integer', description: 'Stored versions' })
  versions!: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'null: not served (removed)' })
  active_version!: number | null;

  @ApiProperty({ enum: ['api', 'file', null], nullable: true, type: String, description: 'Where the active version came from' })
  source!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'default.yaml' })
  file!: string | null;

  @ApiProperty({ description: 'Whether the active set serves it now' })
  served!: boolean;
}

/** GET /v1/policy-sets */
export class PolicySetListResponse {
  @ApiProperty({ type: PolicySetListItemResponse, isArray: true })
  items!: PolicySetListItemResponse[];

  @ApiProperty({ type: PolicySetRefResponse, description: 'The set being served now' })
  policy_set!: PolicySetRefResponse;
}

export class PolicyActivationResponse {
  @ApiProperty({ example: 'policy-admin' })
  actor!: string;

  @ApiProperty(TIME)
  at!: string;

  @ApiProperty({ type: String, nullable: true })
  comment!: string | null;
}

/** One stored version of a document. */
export class PolicyVersionResponse {
  @ApiProperty({ example: 'default' })
  name!: string;

  @ApiProperty({ type: 'integer', example: 3 })
  version!: number;

  @ApiProperty({ description: 'SHA-256 of the text' })
  sha!: string;

  @ApiProperty({ description: 'Whether this is the active version' })
  active!: boolean;

  @ApiProperty({ enum: ['api', 'file'] })
  source!: string;

  @ApiProperty({ example: 'default.yaml' })
  file!: string;

  @ApiProperty({ example: 'policy-admin' })
  author!: string;

  @ApiProperty({ type: String, nullable: true })
  comment!: string | null;

  @ApiProperty(TIME)
  created_at!: string;

  @ApiProperty({ description: 'Unified diff against diff_base' })
  diff!: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The version active when this one was stored' })
  diff_base!: number | null;

  @ApiProperty({ type: PolicyActivationResponse, isArray: true, description: 'When it was activated, newest first' })
  activations!: PolicyActivationResponse[];
}

/** GET /v1/policy-sets/{name} (JSON) */
export class PolicySetDocumentResponse extends PolicyVersionResponse {
  @ApiProperty({ description: 'The document text (YAML)' })
  text!: string;

  @ApiProperty({ type: PolicySetRefResponse, description: 'The set being served now' })
  policy_set!: PolicySetRefResponse;
}

/** GET /v1/policy-sets/{name}/versions */
export class PolicySetVersionsResponse {
  @ApiProperty({ example: 'default' })
  name!: string;

  @ApiProperty({ type: 'integer', nullable: true })
  active_version!: number | null;

  @ApiProperty({ type: PolicyActivationResponse, nullable: true, description: 'The activation that made the active version active' })
  activation!: PolicyActivationResponse | null;

  @ApiProperty({ type: PolicyVersionResponse, isArray: true, description: 'Newest first' })
  versions!: PolicyVersionResponse[];
}

/** POST /v1/policy-sets/{name}/activate */
export class PolicySetActivatedResponse extends PolicyVersionResponse {
  @ApiProperty({ description: 'false when the version was already active' })
  activated!: boolean;

  @ApiProperty({ type: PolicySetRefResponse, description: 'The set being served now' })
  policy_set!: PolicySetRefResponse;
}

/** PUT /v1/policy-sets/{name} */
export class PolicySetStoredResponse extends PolicySetActivatedResponse {
  @ApiProperty({ description: 'false when the text equals a stored version (that one is activated again)' })
  created!: boolean;

  @ApiProperty({ type: PolicyIssueResponse, isArray: true, description: "The document's validation warnings" })
  warnings!: PolicyIssueResponse[];
}

/** DELETE /v1/policy-sets/{name} */
export class PolicySetRemovedResponse {
  @ApiProperty({ example: 'extra' })
  name!: string;

  @ApiProperty({ enum: [true] })
  removed!: boolean;

  @ApiProperty({ type: 'integer', description: 'The version that was served' })
  version!: number;

  @ApiProperty({ type: 'integer', nullable: true, enum: [null] })
  active_version!: null;

  @ApiProperty({ type: PolicySetRefResponse, description: 'The set being served now' })
  policy_set!: PolicySetRefResponse;
}

export class PolicyCalibrationResultResponse {
  @ApiProperty({ example: 'weapons' })
  policy_id!: string;

  @ApiProperty({ type: 'integer' })
  positives!: number;

  @ApiProperty({ type: 'integer' })
  negatives!: number;

  @ApiProperty({ type: PlattParamsResponse, nullable: true, description: 'null: not calibrated (see note)' })
  fitted!: PlattParamsResponse | null;

  @ApiPropertyOptional({ description: 'Why it was not calibrated' })
  note?: string;

  @ApiPropertyOptional({ description: 'Expected calibration error before' })
  ece_before?: number;

  @ApiPropertyOptional({ description: 'Expected calibration error after (out of fold)' })
  ece_after?: number;

  @ApiPropertyOptional()
  brier_before?: number;

  @ApiPropertyOptional()
  brier_after?: number;
}

/** POST /v1/policy-sets/{name}/calibrate */
export class PolicySetCalibratedResponse extends PolicySetStoredResponse {
  @ApiProperty({ type: PolicyCalibrationResultResponse, isArray: true })
  calibration!: PolicyCalibrationResultResponse[];
}
