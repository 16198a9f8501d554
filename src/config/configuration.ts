import * as path from 'path';
import type { ClipOptions } from '../clip/clip.options';
import { dtypeSuffix } from '../clip/model-folder';
import { autoOrInt, bool, color, ConfigError, Env, int, list, num, oneOf, str } from './env';
import { ApiKeyConfig, AuthConfig, authConfig, HttpConfig, httpConfig } from './http';
import { JobsAndWebhooksConfig, jobsAndWebhooksConfig } from './jobs-and-webhooks';
import { LoggingConfig, loggingConfig } from './logging';
import { SecretsConfig, secretsConfig } from './secrets';
import { ReliabilityConfig, reliabilityConfig } from './reliability';
import { UiConfig, uiConfig } from './ui';

export const SUPPORTED_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff'] as const;
export type ImageFormat = (typeof SUPPORTED_FORMATS)[number];

export type { ApiKeyConfig };
export { ROLES } from './http';

export interface AppConfig {
  /** Listen address, timeouts, body limits, public surfaces (src/config/http.ts). */
  http: HttpConfig;
  /**
   * The engine's options (src/clip/clip.options.ts, documented there), every one set from the
   * environment here; the pixel guard comes from media's limits instead.
   */
  clip: Omit<ClipOptions, 'limitInputPixels'> & Required<Pick<ClipOptions, 'allowSpinning' | 'forceSpinningStop' | 'dynamicBlockBase' | 'workerNice' | 'jobTimeoutMs'>>;
  media: {
    maxBytes: number;
    /** Idle upload memory kept for reuse (src/common/body-pool.ts); 0 turns pooling off. */
    uploadPoolBytes: number;
    /** Nice value of libvips' decoding threads (src/media/decode-priority.ts); 0 leaves them alone. */
    decodeNice: number;
    maxPixels: number;
    maxFrames: number;
    sampledFrames: number;
    /** width x height x frames: bounds the decode work of one animation. */
    maxTotalPixels: number;
    /** Progressive JPEGs with more scans than this are refused (each scan is a full pass over the image). */
    maxJpegScans: number;
    /** Longer side / shorter side: the model's shortest-edge resize makes a 20000x1 image 4.5 billion pixels. */
    maxAspectRatio: number;
    formats: ImageFormat[];
    blurSigma: number;
  };
  policies: {
    dir: string;
    watch: boolean;
    similarityWarnBound: number;
    /** Where policy versions are kept: the service database, a JSON-lines file in DATA_DIR, or nowhere (files only). */
    versions: 'db' | 'file' | 'off';
    versionsFile: string;
    /** Largest sample archive POST /v1/policies/evaluate accepts, packed and unpacked. */
    evalMaxBytes: number;
    evalMaxSamples: number;
    /** How often a replica re-reads the kept versions (activations made through another replica); 0 = never. */
    syncSeconds: number;
  };
  /** Hash banks (src/banks, docs/hashing.md). */
  banks: {
    /** A match in an enforced `block` bank answers block without running the model (no policy evidence then). */
    skipClipOnBlock: boolean;
    /** The embedding cosine threshold a new bank gets when its creator names none (docs/hashing.md: measured per model). */
    embeddingThreshold: number | null;
    /**
     * When intake computes the PDQ hash (and MD5) of an upload: `banks` only while some enabled bank
     * holds entries of that signal (the model then gets a decode at its own scale); `always` for every
     * upload, so every record can be found by near-duplicate lookup (GET /v1/records-by-hash).
     */
    hashUploads: 'banks' | 'always';
  };
  auth: AuthConfig;
  reliability: ReliabilityConfig;
  storage: StorageConfig;
  /** This instance and its workers (src/config/jobs-and-webhooks.ts, like the six below). */
  instance: JobsAndWebhooksConfig['instance'];
  /** Async moderation jobs (src/jobs). */
  jobs: JobsAndWebhooksConfig['jobs'];
  /** Webhook delivery (src/webhooks). */
  webhooks: JobsAndWebhooksConfig['webhooks'];
  /** SSRF-safe outbound HTTP (src/fetch). */
  fetch: JobsAndWebhooksConfig['fetch'];
  /** Idempotency-Key answers (src/idempotency). */
  idempotency: JobsAndWebhooksConfig['idempotency'];
  /** POST /v1/moderations/batch. */
  batch: JobsAndWebhooksConfig['batch'];
  /** Retention of finished jobs, deliveries and events. */
  events: JobsAndWebhooksConfig['events'];
  /** Encryption of webhook secrets at rest (src/config/secrets.ts). */
  secrets: SecretsConfig;
  /** LOG_LEVEL, LOG_FORMAT (src/config/logging.ts). */
  logging: LoggingConfig;
  /** The moderator dashboard under UI_PATH (src/config/ui.ts, docs/dashboard.md). */
  ui: UiConfig;
}

export const APP_CONFIG = 'APP_CONFIG';

export const ACTIONS = ['allow', 'flag', 'blur', 'block'] as const;
export type RecordAction = (typeof ACTIONS)[number];

/** Database, moderation records, kept images and the review queue (src/storage, src/records, src/reviews). */
export interface StorageConfig {
  dataDir: string;
  /** postgres://... selects PostgreSQL; null means SQLite at <dataDir>/clipguard.db. */
  databaseUrl: string | null;
  databasePoolSize: number;
  /**
   * How a SQLite commit reaches the disk. fsync (default): synchronous=NORMAL plus an fsync of the
   * WAL in libuv's thread pool before the write resolves (group commit, durable across a power loss,
   * the HTTP thread never waits on the disk). full: SQLite's synchronous=FULL, the fsync on the HTTP
   * thread. normal: no fsync before answering (survives a process kill, not a power loss).
   */
  sqliteSync: 'fsync' | 'full' | 'normal';
  /**
   * Where SQLite checkpoints its WAL into the database file. background (default): a second
   * connection on a worker thread, every 64 writing transactions (src/storage/wal-checkpoint.ts).
   * inline: SQLite's automatic checkpoint inside the COMMIT that passes 1000 WAL pages, on the HTTP thread.
   */
  sqliteCheckpoint: 'background' | 'inline';
  recordMode: 'all' | 'non-allow';
  keepImages: RecordAction[];
  blobDir: string;
  retentionHours: number;
  sweepIntervalSeconds: number;
  reviewActions: RecordAction[];
  /** Per-policy override of reviewActions; an empty list means "never queue this policy". */
  reviewPolicyActions: Record<string, RecordAction[]>;
  leaseSeconds: number;
  /** A reveal of an original must say why (REVIEW_REVEAL_REASON_REQUIRED, default true). */
  revealReasonRequired: boolean;
  /** Appeals one review item may receive in its lifetime (APPEAL_MAX_PER_ITEM). */
  appealMaxPerItem: number;
  /** Appeals one API key may file in any sliding hour (APPEALS_PER_HOUR_PER_KEY). */
  appealsPerHourPerKey: number;
}

function actions(name: string, raw: string[]): RecordAction[] {
  const bad = raw.filter((a) => !(ACTIONS as readonly string[]).includes(a));
  if (bad.length) throw new Error(`${name}: unknown action(s) ${bad.join(', ')} (actions: ${ACTIONS.join(', ')})`);
  return raw as RecordAction[];
}

/** REVIEW_POLICY_ACTIONS="weapons=flag|blur|block,alcohol=none" */
function policyActions(raw: string[]): Record<string, RecordAction[]> {
  const out: Record<string, RecordAction[]> = {};
  for (const entry of raw) {
    const [id, acts] = entry.split('=');
    if (!id?.trim() || acts === undefined) throw new Error(`REVIEW_POLICY_ACTIONS entry "${entry}" must be policy=action|action (or policy=none)`);
    const list = acts.split('|').map((a) => a.trim()).filter((a) => a && a !== 'none');
    out[id.trim()] = actions('REVIEW_POLICY_ACTIONS', list);
  }
  return out;
}

function storageConfig(env: Env, cwd: string): StorageConfig {
  const dataDir = path.resolve(cwd, str(env, 'DATA_DIR', 'data'));
  const url = env.DATABASE_URL?.trim() || null;
  // The value is never echoed: it usually carries a password.
  if (url && (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url))) throw new ConfigError('DATABASE_URL must be a valid postgres:// or postgresql:// URL (leave it empty for SQLite)');
  return {
    dataDir,
    databaseUrl: url,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    sqliteSync: oneOf(env, 'SQLITE_SYNC', 'fsync', ['fsync', 'full', 'normal'] as const),
    sqliteCheckpoint: oneOf(env, 'SQLITE_CHECKPOINT', 'background', ['background', 'inline'] as const),
    recordMode: oneOf(env, 'RECORD_MODE', 'all', ['all', 'non-allow'] as const),
    keepImages: actions('KEEP_IMAGES', list(env, 'KEEP_IMAGES', ['flag', 'blur', 'block'])),
    blobDir: path.resolve(dataDir, str(env, 'BLOB_DIR', 'blobs')),
    retentionHours: num(env, 'IMAGE_RETENTION_HOURS', 720, 0, 24 * 365 * 100),
    sweepIntervalSeconds: int(env, 'RETENTION_SWEEP_SECONDS', 3600, 1, 7 * 24 * 3600),
    reviewActions: actions('REVIEW_ACTIONS', list(env, 'REVIEW_ACTIONS', ['flag', 'blur'])),
    reviewPolicyActions: policyActions(list(env, 'REVIEW_POLICY_ACTIONS', [])),
    leaseSeconds: int(env, 'REVIEW_LEASE_SECONDS', 600, 1, 7 * 24 * 3600),
    revealReasonRequired: bool(env, 'REVIEW_REVEAL_REASON_REQUIRED', true),
    appealMaxPerItem: int(env, 'APPEAL_MAX_PER_ITEM', 3, 1, 1000),
    appealsPerHourPerKey: int(env, 'APPEALS_PER_HOUR_PER_KEY', 60, 1, 1_000_000),
  };
}

function modelDtype(env: Env): string {
  const dtype = str(env, 'MODEL_DTYPE', 'fp32');
  try {
    dtypeSuffix(dtype);
  } catch (e) {
    throw new ConfigError(`MODEL_DTYPE: ${(e as Error).message}`);
  }
  return dtype;
}

/** Reads and validates all configuration once; nothing else reads process.env. */
export function loadConfig(env: Env = process.env, cwd = process.cwd(), stdoutIsTTY = process.stdout.isTTY === true): AppConfig {
  const formats = list(env, 'MEDIA_FORMATS', [...SUPPORTED_FORMATS]);
  for (const f of formats) {
    if (!(SUPPORTED_FORMATS as readonly string[]).includes(f)) {
      throw new Error(`MEDIA_FORMATS: unknown format "${f}" (supported: ${SUPPORTED_FORMATS.join(', ')})`);
    }
  }
  const logit = env.CLIP_LOGIT_SCALE?.trim() ? num(env, 'CLIP_LOGIT_SCALE', 100, 1, 1000) : undefined;
  const auth = authConfig(env);
  const reliability = reliabilityConfig(env);
  return {
    http: httpConfig(env, auth, reliability.maxInFlight),
    clip: {
      modelDir: path.resolve(cwd, str(env, 'MODEL_DIR', 'models/emoji-clip-demo')),
      dtype: modelDtype(env),
      workers: autoOrInt(env, 'CLIP_WORKERS', 'auto', 1, 64),
      intraOpThreads: autoOrInt(env, 'CLIP_INTRA_OP_THREADS', 'auto', 1, 256),
      soloThreads: autoOrInt(env, 'CLIP_SOLO_THREADS', 'auto', 0, 256),
      maxBatchSize: int(env, 'CLIP_MAX_BATCH', 16, 1, 512),
      maxBatchWaitMs: int(env, 'CLIP_MAX_BATCH_WAIT_MS', 2, 0, 1000),
      maxQueue: int(env, 'CLIP_MAX_QUEUE', 256, 1, 100000),
      background: color(env, 'IMAGE_BACKGROUND', { r: 255, g: 255, b: 255 }),
      fastShrinkOnLoad: bool(env, 'IMAGE_FAST_SHRINK_ON_LOAD', true),
      allowSpinning: bool(env, 'CLIP_ALLOW_SPINNING', true),
      forceSpinningStop: bool(env, 'CLIP_FORCE_SPINNING_STOP', true),
      dynamicBlockBase: int(env, 'CLIP_DYNAMIC_BLOCK_BASE', 0, 0, 64),
      workerNice: int(env, 'CLIP_WORKER_NICE', 10, 0, 19),
      logitScale: logit,
      textCacheSize: int(env, 'CLIP_TEXT_CACHE_SIZE', 10000, 0, 10_000_000),
      jobTimeoutMs: int(env, 'CLIP_JOB_TIMEOUT_MS', 60000, 0, 3_600_000),
    },
    media: {
      maxBytes: int(env, 'MEDIA_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      uploadPoolBytes: int(env, 'MEDIA_UPLOAD_POOL_BYTES', 128 * 1024 * 1024, 0, 64 * 1024 * 1024 * 1024),
      decodeNice: int(env, 'IMAGE_DECODE_NICE', 5, 0, 19),
      maxPixels: int(env, 'MEDIA_MAX_PIXELS', 50_000_000, 1, 1_000_000_000),
      maxFrames: int(env, 'MEDIA_MAX_FRAMES', 1000, 1, 100000),
      sampledFrames: int(env, 'MEDIA_SAMPLED_FRAMES', 8, 1, 64),
      maxTotalPixels: int(env, 'MEDIA_MAX_TOTAL_PIXELS', 500_000_000, 1, 100_000_000_000),
      maxJpegScans: int(env, 'MEDIA_MAX_JPEG_SCANS', 100, 1, 100000),
      maxAspectRatio: num(env, 'MEDIA_MAX_ASPECT_RATIO', 50, 1, 100000),
      formats: formats as ImageFormat[],
      blurSigma: num(env, 'BLUR_SIGMA', 30, 0.3, 1000),
    },
    policies: {
      dir: path.resolve(cwd, str(env, 'POLICIES_DIR', 'policies')),
      watch: bool(env, 'POLICIES_WATCH', true),
      similarityWarnBound: num(env, 'POLICIES_SIMILARITY_WARN', 0.9, 0, 1),
      versions: oneOf(env, 'POLICY_VERSIONS', 'db', ['db', 'file', 'off'] as const),
      versionsFile: path.join(path.resolve(cwd, str(env, 'DATA_DIR', 'data')), 'policy-versions.jsonl'),
      evalMaxBytes: int(env, 'POLICY_EVAL_MAX_BYTES', 200 * 1024 * 1024, 1024, 16 * 1024 * 1024 * 1024),
      evalMaxSamples: int(env, 'POLICY_EVAL_MAX_SAMPLES', 20000, 1, 10_000_000),
      syncSeconds: int(env, 'POLICY_SYNC_SECONDS', 10, 0, 86400),
    },
    banks: {
      skipClipOnBlock: bool(env, 'BANKS_SKIP_CLIP_ON_BLOCK', false),
      // 'off' (or empty): new banks do not match by embedding unless asked to.
      // `off`: new banks match by hashes only; empty or unset: the measured default (docs/hashing.md).
      embeddingThreshold: env.BANKS_EMBEDDING_THRESHOLD?.trim().toLowerCase() === 'off' ? null : num(env, 'BANKS_EMBEDDING_THRESHOLD', 0.93, -1, 1),
      hashUploads: oneOf(env, 'HASH_UPLOADS', 'banks', ['banks', 'always'] as const),
    },
    auth,
    reliability,
    storage: storageConfig(env, cwd),
    ...jobsAndWebhooksConfig(env, int(env, 'MEDIA_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024)),
    secrets: secretsConfig(env),
    logging: loggingConfig(env, stdoutIsTTY),
    ui: uiConfig(env),
  };
}
