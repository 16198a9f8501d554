import * as os from 'os';
import * as path from 'path';
import { bool, color, Env, int, list, num, oneOf, str } from './env';

export const SUPPORTED_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff'] as const;
export type ImageFormat = (typeof SUPPORTED_FORMATS)[number];

export interface ApiKeyConfig {
  name: string;
  key: string;
  roles: string[];
}

export interface AppConfig {
  http: { host: string; port: number; requestTimeoutMs: number; shutdownGraceMs: number };
  clip: {
    modelDir: string;
    dtype: string;
    workers: number;
    intraOpThreads: number;
    maxBatchSize: number;
    maxBatchWaitMs: number;
    maxQueue: number;
    background: { r: number; g: number; b: number };
    fastShrinkOnLoad: boolean;
    logitScale?: number;
    textCacheSize: number;
  };
  media: {
    maxBytes: number;
    maxPixels: number;
    maxFrames: number;
    sampledFrames: number;
    formats: ImageFormat[];
    blurSigma: number;
  };
  policies: { dir: string; watch: boolean; similarityWarnBound: number };
  auth: { keys: ApiKeyConfig[] };
  logLevel: 'debug' | 'log' | 'warn' | 'error';
}

export const APP_CONFIG = 'APP_CONFIG';

export const ROLES = ['ingest', 'moderator', 'policy-admin', 'admin'];

/** API_KEYS="name:secret:role1|role2,name2:secret2:admin" */
function parseKeys(raw: string[]): ApiKeyConfig[] {
  return raw.map((entry) => {
    const [name, key, roles] = entry.split(':');
    if (!name || !key || key.length < 16) {
      throw new Error(`API_KEYS entry "${name ?? ''}" must be name:secret[:roles] with a secret of 16+ characters`);
    }
    const list = (roles ?? 'ingest').split('|').filter(Boolean);
    const unknown = list.filter((r) => !ROLES.includes(r));
    if (unknown.length) throw new Error(`API_KEYS entry "${name}": unknown role(s) ${unknown.join(', ')} (roles: ${ROLES.join(', ')})`);
    return { name, key, roles: list };
  });
}

/** Reads and validates all configuration once; nothing else reads process.env. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const cores = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const formats = list(env, 'MEDIA_FORMATS', [...SUPPORTED_FORMATS]);
  for (const f of formats) {
    if (!(SUPPORTED_FORMATS as readonly string[]).includes(f)) {
      throw new Error(`MEDIA_FORMATS: unknown format "${f}" (supported: ${SUPPORTED_FORMATS.join(', ')})`);
    }
  }
  const logit = env.CLIP_LOGIT_SCALE?.trim() ? num(env, 'CLIP_LOGIT_SCALE', 100, 1, 1000) : undefined;
  return {
    http: {
      host: str(env, 'HOST', '0.0.0.0'),
      port: int(env, 'PORT', 8080, 0, 65535),
      requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 30000, 100, 600000),
      shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 10000, 0, 600000),
    },
    clip: {
      modelDir: path.resolve(cwd, str(env, 'MODEL_DIR', 'models/emoji-clip-demo')),
      dtype: str(env, 'MODEL_DTYPE', 'fp32'),
      workers: int(env, 'CLIP_WORKERS', 1, 1, 64),
      intraOpThreads: int(env, 'CLIP_INTRA_OP_THREADS', cores, 1, 256),
      maxBatchSize: int(env, 'CLIP_MAX_BATCH', 16, 1, 512),
      maxBatchWaitMs: int(env, 'CLIP_MAX_BATCH_WAIT_MS', 2, 0, 1000),
      maxQueue: int(env, 'CLIP_MAX_QUEUE', 256, 1, 100000),
      background: color(env, 'IMAGE_BACKGROUND', { r: 255, g: 255, b: 255 }),
      fastShrinkOnLoad: bool(env, 'IMAGE_FAST_SHRINK_ON_LOAD', true),
      logitScale: logit,
      textCacheSize: int(env, 'CLIP_TEXT_CACHE_SIZE', 10000, 0, 10_000_000),
    },
    media: {
      maxBytes: int(env, 'MEDIA_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxPixels: int(env, 'MEDIA_MAX_PIXELS', 50_000_000, 1, 1_000_000_000),
      maxFrames: int(env, 'MEDIA_MAX_FRAMES', 1000, 1, 100000),
      sampledFrames: int(env, 'MEDIA_SAMPLED_FRAMES', 8, 1, 64),
      formats: formats as ImageFormat[],
      blurSigma: num(env, 'BLUR_SIGMA', 30, 0.3, 1000),
    },
    policies: {
      dir: path.resolve(cwd, str(env, 'POLICIES_DIR', 'policies')),
      watch: bool(env, 'POLICIES_WATCH', true),
      similarityWarnBound: num(env, 'POLICIES_SIMILARITY_WARN', 0.9, 0, 1),
    },
    auth: { keys: parseKeys(list(env, 'API_KEYS', [])) },
    logLevel: oneOf(env, 'LOG_LEVEL', 'log', ['debug', 'log', 'warn', 'error'] as const),
  };
}
