import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const ACTIONS = ['allow', 'flag', 'blur', 'block'];

export class ThresholdsResponse {
  @ApiPropertyOptional({ description: 'Score from which the policy flags', example: 0.24 })
  flag?: number;
  @ApiPropertyOptional({ description: 'Score from which the policy blurs', example: 0.27 })
  blur?: number;
  @ApiPropertyOptional({ description: 'Score from which the policy blocks', example: 0.3 })
  block?: number;
}

/** One policy's evidence in a decision (src/moderation/moderation.service.ts toBody). */
export class PolicyResultResponse {
  @ApiProperty({ example: 'weapons' })
  policy_id!: string;
  @ApiProperty({ enum: ACTIONS, description: "This policy's action for the image", example: 'block' })
  action!: string;
  @ApiProperty({ description: 'The score compared with the thresholds (a probability for calibrated policies)', example: 0.312 })
  score!: number;
  @ApiProperty({ type: ThresholdsResponse })
  thresholds!: ThresholdsResponse;
  @ApiProperty({ type: String, nullable: true, description: 'The prompt closest to the image', example: 'a photo of a handgun' })
  matched_prompt!: string | null;
  @ApiProperty({ description: 'Cosine similarity of the image and matched_prompt', example: 0.298 })
  matched_similarity!: number;
  @ApiPropertyOptional({ description: 'Contrastive policies: the closest contrast (look-alike) prompt', example: 'a photo of a hair dryer' })
  closest_contrast?: string;
  @ApiPropertyOptional({ description: 'Contrastive policies: cosine of the image and closest_contrast', example: 0.21 })
  contrast_similarity?: number;
  @ApiPropertyOptional({ description: 'Calibrated policies: the score before Platt scaling', example: 0.29 })
  raw_score?: number;
  @ApiPropertyOptional({ description: 'Policies with example images: the best image-to-image cosine', example: 0.91 })
  example_score?: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Policies with example images: the example that matched best' })
  matched_example?: string | null;
  @ApiPropertyOptional({ type: ThresholdsResponse, description: 'Policies with example images: thresholds of example_score' })
  example_thresholds?: ThresholdsResponse;
  @ApiProperty({ description: "The policy's severity", example: 'high' })
  severity!: string;
  @ApiProperty({ description: "The policy's mode (enforce, or shadow: scored, never acting)", example: 'enforce' })
  mode!: string;
  @ApiPropertyOptional({ type: 'integer', description: 'Animated images: the frame index that scored highest', example: 2 })
  frame?: number;
}

/** One enforced policy on one frame of an animation (src/decisions/frames.ts). */
export class FramePolicyScoreResponse {
  @ApiProperty({ example: 'weapons' })
  policy_id!: string;
  @ApiProperty({ description: "The policy's score on this frame alone (compare with the policy's thresholds in `policies`)", example: 0.287 })
  score!: number;
  @ApiProperty({ enum: ACTIONS, description: 'The action this frame alone would get from the policy', example: 'blur' })
  action!: string;
}

/** One sampled frame of an animation with every enforced policy's score on it. */
export class FrameScoresResponse {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'The frame number in the animation (0-based; sampling may skip frames)', example: 3 })
  frame!: number;
  @ApiProperty({ type: [FramePolicyScoreResponse], description: 'Every enforced policy that was scored, in the order of `policies`' })
  policies!: FramePolicyScoreResponse[];
}

export class ModelRefResponse {
  @ApiProperty({ description: 'The CLIP model that embedded the image', example: 'emoji-clip-demo' })
  id!: string;
}

export class PolicySetRefResponse {
  @ApiProperty({ example: 'default' })
  name!: string;
  @ApiProperty({ description: 'Content hash of the policy set that decided', example: 'c0ffee12' })
  version!: string;
}

export class ImageFactsResponse {
  @ApiProperty({ example: 'png' })
  format!: string;
  @ApiProperty({ type: 'integer', example: 512 })
  width!: number;
  @ApiProperty({ type: 'integer', example: 512 })
  height!: number;
  @ApiProperty({ type: 'integer', description: 'Frames in the image (1 unless animated)', example: 1 })
  frames!: number;
  @ApiProperty({ type: 'integer', description: 'Frames the model scored (0 when the image went unscreened)', example: 1 })
  frames_scored!: number;
  @ApiProperty({ type: 'integer', description: 'Size of the uploaded image', example: 48213 })
  bytes!: number;
  @ApiProperty({ description: 'SHA-256 of the uploaded bytes, hex', example: '9f2c6b1e4d0a8f7c3b5e2d1a6c4f8e0b7d9a2c5e1f3b6d8a0c4e7f1b2d5a8c3e' })
  sha256!: string;
  @ApiPropertyOptional({ description: 'PDQ hash of the first frame, 64 hex digits (absent when it could not be hashed)', example: 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22' })
  pdq?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100, description: "The PDQ hash's quality (below a bank's min_quality it is not matched)", example: 100 })
  pdq_quality?: number;
}

/** One bank entry an image matched (docs/hashing.md). */
export class BankMatchResponse {
  @ApiProperty({ description: 'The bank', example: '2b7c1a9e-5d4f-4e8a-9c3b-6f1d2e0a8b7c' })
  bank_id!: string;
  @ApiProperty({ description: "The bank's name", example: 'known-weapons' })
  bank!: string;
  @ApiProperty({ type: 'integer', description: 'The matched entry', example: 42 })
  entry_id!: number;
  @ApiProperty({ enum: ['flag', 'blur', 'block'], description: "The bank's action" })
  action!: string;
  @ApiProperty({ enum: ['enforce', 'shadow'] })
  mode!: string;
  @ApiProperty({ enum: ['pdq', 'pdq-dihedral', 'sha256', 'md5', 'embedding'], description: 'Which signal matched' })
  signal!: string;
  @ApiProperty({ type: [String], description: "The entry's labels" })
  labels!: string[];
  @ApiPropertyOptional({ type: 'integer', description: 'PDQ signals: Hamming distance to the entry', example: 6 })
  distance?: number;
  @ApiPropertyOptional({ description: "The bank's threshold for this signal (PDQ distance or embedding cosine)", example: 31 })
  threshold?: number;
  @ApiPropertyOptional({ type: 'integer', description: "PDQ signals: the upload's PDQ quality", example: 100 })
  quality?: number;
  @ApiPropertyOptional({ description: 'pdq-dihedral: the rotation or mirror that matched', example: 'flipY' })
  transform?: string;
  @ApiPropertyOptional({ description: 'embedding: cosine similarity to the entry', example: 0.97 })
  similarity?: number;
}

export class TimingsResponse {
  @ApiProperty({ example: 4.1 }) decode_ms!: number;
  @ApiProperty({ example: 0.3 }) queue_ms!: number;
  @ApiProperty({ example: 18.7 }) inference_ms!: number;
  @ApiProperty({ example: 0.05 }) decide_ms!: number;
  @ApiProperty({ example: 25.2 }) total_ms!: number;
}

export class BlurredImageResponse {
  @ApiProperty({ example: 'image/jpeg' })
  content_type!: string;
  @ApiProperty({ format: 'byte', description: 'The blurred rendition, base64' })
  data_base64!: string;
}

export class FailureResponse {
  @ApiProperty({ enum: ['model_unavailable', 'deadline_exceeded'], description: 'The model fault that left the image unscreened' })
  code!: string;
  @ApiProperty({ enum: ['open', 'block', 'review'], description: "The API key's failure mode (FAILURE_MODES) that answered" })
  mode!: string;
}

/** The answer of a synchronous moderation (ModerationBody). */
export class ModerationResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
  @ApiProperty({ enum: ACTIONS, description: 'The decision: the strongest action of the enforced policies', example: 'block' })
  decision!: string;
  @ApiProperty({ type: [String], description: 'Why, in plain language, one line per acting policy', example: ['weapons: 0.312 >= block 0.3 ("a photo of a handgun")'] })
  reasons!: string[];
  @ApiProperty({ type: [PolicyResultResponse], description: 'Every enforced policy that was scored' })
  policies!: PolicyResultResponse[];
  @ApiProperty({ type: [PolicyResultResponse], description: 'Shadow policies: scored, never acting' })
  shadow!: PolicyResultResponse[];
  @ApiPropertyOptional({
    type: [FrameScoresResponse],
    description: 'Animations only (more than one sampled frame): every sampled frame, in order, with each enforced policy\'s score and action on it; `policies` keeps the worst frame per policy. Absent for a still image',
  })
  frames?: FrameScoresResponse[];
  @ApiPropertyOptional({ type: [BankMatchResponse], description: 'Enforced bank matches (present only when one matched); they take part in the decision' })
  banks?: BankMatchResponse[];
  @ApiPropertyOptional({ type: [BankMatchResponse], description: "Shadow banks' matches: evidence only (present only when one matched)" })
  shadow_banks?: BankMatchResponse[];
  @ApiPropertyOptional({ type: Boolean, description: 'true when a block bank matched and the model did not run (BANKS_SKIP_CLIP_ON_BLOCK, or a model fault): no policy evidence' })
  model_skipped?: boolean;
  @ApiProperty({ type: ModelRefResponse })
  model!: ModelRefResponse;
  @ApiProperty({ type: PolicySetRefResponse })
  policy_set!: PolicySetRefResponse;
  @ApiProperty({ type: ImageFactsResponse })
  image!: ImageFactsResponse;
  @ApiProperty({ type: TimingsResponse })
  timings!: TimingsResponse;
  @ApiPropertyOptional({ description: 'The external_id the request gave' })
  external_id?: string;
  @ApiProperty({ description: 'Name of the API key that asked', example: 'uploader' })
  client!: string;
  @ApiPropertyOptional({ type: BlurredImageResponse, description: 'blur=inline (when the decision is blur) or blur=always' })
  blurred?: BlurredImageResponse;
  @ApiPropertyOptional({ type: Boolean, description: "Present only when the model could not screen the image and the key's failure mode answered" })
  unscreened?: boolean;
  @ApiPropertyOptional({ type: FailureResponse })
  failure?: FailureResponse;
}

/** The 202 answer to an async submission: the resource, queued. */
export class ModerationAcceptedResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ enum: ['moderation'] })
  object!: string;
  @ApiProperty({ enum: ['queued'] })
  status!: string;
  @ApiProperty({ description: 'Where to poll: GET this path', example: '/v1/moderations/5b0c7a55-3f0e-4c55-9d7e-0b7a3f1f2c10' })
  status_url!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Items of a batch: the batch id' })
  batch_id?: string;
}
