import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { BankMatchResponse, FrameScoresResponse, ModelRefResponse, ModerationAcceptedResponse, ModerationResponse, PolicyResultResponse, PolicySetRefResponse } from '../../moderation/dto/moderation.response';

/** The error of a failed item or job: the API's error shape without the request id. */
export class ItemErrorResponse {
  @ApiProperty({ description: 'Stable error code (docs/api-errors.md)', example: 'url_fetch_failed' })
  code!: string;
  @ApiProperty({ example: 'the URL answered HTTP 404' })
  message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { reason: 'status', status: 404 } })
  details?: Record<string, unknown>;
}

/** Image facts of a stored moderation: a record's (kept, deleted_at) or an answer's (frames_scored). */
export class StoredImageResponse {
  @ApiProperty({ example: 'png' }) format!: string;
  @ApiProperty({ type: 'integer', example: 512 }) width!: number;
  @ApiProperty({ type: 'integer', example: 512 }) height!: number;
  @ApiProperty({ type: 'integer', example: 1 }) frames!: number;
  @ApiPropertyOptional({ type: 'integer', description: 'From an answer not kept as a record: frames the model scored', example: 1 })
  frames_scored?: number;
  @ApiProperty({ type: 'integer', example: 48213 }) bytes!: number;
  @ApiProperty({ example: '9f2c6b1e4d0a8f7c3b5e2d1a6c4f8e0b7d9a2c5e1f3b6d8a0c4e7f1b2d5a8c3e' }) sha256!: string;
  @ApiPropertyOptional({ description: 'PDQ hash of the first frame, 64 hex digits (absent when it could not be hashed)' }) pdq?: string;
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 100, description: "The PDQ hash's quality" }) pdq_quality?: number | null;
  @ApiPropertyOptional({ description: 'Recorded moderations: whether the image itself is stored (KEEP_IMAGES)' })
  kept?: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Recorded moderations: when retention deleted the stored image' })
  deleted_at?: string | null;
}

const STATUSES = ['queued', 'running', 'succeeded', 'failed'];

/** GET /v1/moderations/{id}: one moderation, sync or async (src/jobs/job-view.ts). */
@ApiExtraModels(ModerationResponse)
export class ModerationViewResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['moderation'] }) object!: string;
  @ApiProperty({ enum: STATUSES, description: 'Synchronous moderations are succeeded' }) status!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ description: 'Name of the API key that submitted it', example: 'uploader' }) client!: string;
  @ApiProperty({ type: String, nullable: true }) external_id!: string | null;
  @ApiProperty({ type: String, enum: ['allow', 'flag', 'blur', 'block'], nullable: true, description: 'null until decided' }) decision!: string | null;
  @ApiProperty({ type: [String], nullable: true }) reasons!: string[] | null;
  @ApiProperty({ type: [PolicyResultResponse], nullable: true }) policies!: PolicyResultResponse[] | null;
  @ApiProperty({ type: [PolicyResultResponse], nullable: true }) shadow!: PolicyResultResponse[] | null;
  @ApiPropertyOptional({ type: [FrameScoresResponse], description: "Animations only: every sampled frame's per-policy scores (absent for a still image)" }) frames?: FrameScoresResponse[];
  @ApiPropertyOptional({ type: [BankMatchResponse], description: 'Enforced bank matches (present only when one matched)' }) banks?: BankMatchResponse[];
  @ApiPropertyOptional({ type: [BankMatchResponse], description: "Shadow banks' matches (present only when one matched)" }) shadow_banks?: BankMatchResponse[];
  @ApiProperty({ type: ModelRefResponse, nullable: true }) model!: ModelRefResponse | null;
  @ApiProperty({ type: PolicySetRefResponse, nullable: true }) policy_set!: PolicySetRefResponse | null;
  @ApiProperty({ type: StoredImageResponse, nullable: true }) image!: StoredImageResponse | null;
  @ApiProperty({ description: 'Whether a moderation record backs the decision fields (RECORD_MODE)' }) recorded!: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Recorded moderations: length of the stored image embedding' }) embedding_dim!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Async: runs started so far' }) attempts!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) started_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finished_at!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) batch_id!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Async URL intake: the URL' }) url!: string | null;
  @ApiProperty({ allOf: [{ $ref: getSchemaPath(ModerationResponse) }], nullable: true, description: 'Async: the answer exactly as a synchronous call returns it' })
  result!: ModerationResponse | null;
  @ApiProperty({ type: ItemErrorResponse, nullable: true, description: 'Failed jobs: why' }) error!: ItemErrorResponse | null;
}

/** One item of a batch answer: its decision (or 202 acceptance), or its own error. */
@ApiExtraModels(ModerationResponse, ModerationAcceptedResponse)
export class BatchItemResponse {
  @ApiProperty({ type: 'integer', description: 'Position of the item in the request', example: 0 }) index!: number;
  @ApiProperty({ type: 'integer', description: 'The HTTP status this item alone would have had (200, 202 or an error status)', example: 200 }) status!: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'The moderation id (items that were decided or queued)' }) id?: string;
  @ApiPropertyOptional({ oneOf: [{ $ref: getSchemaPath(ModerationResponse) }, { $ref: getSchemaPath(ModerationAcceptedResponse) }], description: 'The decision (sync) or the acceptance (async)' })
  result?: ModerationResponse | ModerationAcceptedResponse;
  @ApiPropertyOptional({ type: ItemErrorResponse }) error?: ItemErrorResponse;
}

export class BatchSummaryResponse {
  @ApiProperty({ type: 'integer', example: 3 }) items!: number;
  @ApiProperty({ type: 'integer', description: 'Items answered 2xx', example: 2 }) succeeded!: number;
  @ApiProperty({ type: 'integer', example: 1 }) failed!: number;
}

export class BatchResponse {
  @ApiProperty({ format: 'uuid', description: 'The batch id (async items carry it as batch_id)' }) id!: string;
  @ApiProperty({ enum: ['moderation_batch'] }) object!: string;
  @ApiProperty() async!: boolean;
  @ApiProperty({ type: BatchSummaryResponse }) summary!: BatchSummaryResponse;
  @ApiProperty({ type: [BatchItemResponse] }) items!: BatchItemResponse[];
}
