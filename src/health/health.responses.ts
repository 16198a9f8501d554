import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One check's answer: `up` or `down`, what it found, and why when it is down. */
class CheckResult {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why the check is down', example: 'the blob folder is not writable (EEXIST)' })
  message?: string;

  @ApiPropertyOptional({ description: 'How long the check took (ms)', example: 1 })
  responseTime?: number;
}

export class DatabaseCheck extends CheckResult {
  @ApiPropertyOptional({ enum: ['sqlite', 'postgres'], description: 'SQLite: the file is still there, writable, and a rolled-back write gets the write lock. PostgreSQL: SELECT 1 answers.' })
  dialect?: 'sqlite' | 'postgres';
}

export class ModelCheck extends CheckResult {
  @ApiPropertyOptional({ example: 'emoji-clip-demo' })
  id?: string;

  @ApiPropertyOptional({ description: 'Time the model took to load at start-up (ms)', example: 1934 })
  load_ms?: number;

  @ApiPropertyOptional({ description: 'Inference worker threads alive (at least one for up)', example: 1 })
  workers?: number;

  @ApiPropertyOptional({ example: 0 })
  busy_workers?: number;

  @ApiPropertyOptional({ description: 'Images waiting for the model, or being prepared for it', example: 0 })
  queue_depth?: number;
}

export class PoliciesCheck extends CheckResult {
  @ApiPropertyOptional({ description: 'The active compiled policy set', example: 'default' })
  name?: string;

  @ApiPropertyOptional({ example: '6d5d27e3567d' })
  version?: string;

  @ApiPropertyOptional({ description: 'Policies in the set', example: 7 })
  policies?: number;
}

export class BlobStorageCheck extends CheckResult {}

export class ShutdownCheck extends CheckResult {
  @ApiProperty({ description: 'true once SIGTERM/SIGINT started draining: no longer ready for new traffic', example: false })
  draining!: boolean;
}

/** The readiness checks by name; `info` holds those up, `error` those down, `details` all of them. */
export class ReadinessChecks {
  @ApiPropertyOptional({ type: DatabaseCheck })
  database?: DatabaseCheck;

  @ApiPropertyOptional({ type: ModelCheck })
  model?: ModelCheck;

  @ApiPropertyOptional({ type: PoliciesCheck })
  policies?: PoliciesCheck;

  @ApiPropertyOptional({ type: BlobStorageCheck })
  blob_storage?: BlobStorageCheck;

  @ApiPropertyOptional({ type: ShutdownCheck })
  shutdown?: ShutdownCheck;
}

/** @nestjs/terminus's answer: 200 with status ok, or 503 with status error and the failing checks under `error`. */
export class ReadinessResponse {
  @ApiProperty({ enum: ['ok', 'error'], example: 'ok' })
  status!: 'ok' | 'error';

  @ApiProperty({ type: ReadinessChecks, description: 'The checks that are up' })
  info!: ReadinessChecks;

  @ApiProperty({ type: ReadinessChecks, description: 'The checks that are down (empty when ready)' })
  error!: ReadinessChecks;

  @ApiProperty({ type: ReadinessChecks, description: 'Every check' })
  details!: ReadinessChecks;
}

class NoChecks {}

/** Liveness checks nothing beyond the process answering: the same shape, no checks. */
export class LivenessResponse {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';

  @ApiProperty({ type: NoChecks, example: {} })
  info!: Record<string, never>;

  @ApiProperty({ type: NoChecks, example: {} })
  error!: Record<string, never>;

  @ApiProperty({ type: NoChecks, example: {} })
  details!: Record<string, never>;
}

const UP = {
  database: { status: 'up', dialect: 'sqlite', responseTime: 2 },
  model: { status: 'up', id: 'emoji-clip-demo', load_ms: 1934, workers: 1, busy_workers: 0, queue_depth: 0 },
  policies: { status: 'up', name: 'default', version: '6d5d27e3567d', policies: 7 },
  blob_storage: { status: 'up', responseTime: 1 },
  shutdown: { status: 'up', draining: false },
};
const BLOBS_DOWN = { status: 'down', message: 'the blob folder is not writable (EROFS)', responseTime: 1 };

export const READY_EXAMPLE = { status: 'ok', info: UP, error: {}, details: UP };

export const NOT_READY_EXAMPLE = (() => {
  const { blob_storage: _, ...info } = UP;
  return { status: 'error', info, error: { blob_storage: BLOBS_DOWN }, details: { ...UP, blob_storage: BLOBS_DOWN } };
})();
