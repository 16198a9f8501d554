/**
 * Every environment variable the configuration loader (configuration.ts and the config slices it
 * calls) reads: name, default as written for people, meaning, and the heading it is listed under.
 * docs/configuration.md is generated from this list (`npm run docs:config`), and
 * settings-catalogue.spec.ts fails when the loader reads a variable missing here, when an entry
 * here is never read, or when the committed page differs from what the generator writes.
 * Meanings are Markdown; links are relative to docs/.
 */
export interface Setting {
  group: string;
  name: string;
  /** The default, as a reader should see it (code spans, units, conditions). */
  default: string;
  meaning: string;
}

const ACCESS = 'Listening, keys and access';
const MODEL = 'Model and inference';
const IMAGES = 'Images and their limits';
const POLICIES = 'Policies';
const HTTP = 'HTTP, overload and model faults';
const JOBS = 'Async jobs, batches and idempotency';
const FETCH = 'URL intake (outbound fetch)';
const WEBHOOKS = 'Webhooks, events and secrets';
const STORAGE = 'Storage, records and retention';
const REVIEW = 'Review and appeals';
const LOGGING = 'Logging';
const DASHBOARD = 'Moderator dashboard';
const BANKS = 'Hash banks';

export const SETTINGS: readonly Setting[] = [
  { group: ACCESS, name: 'PORT', default: '`8080`', meaning: 'TCP port to listen on' },
  { group: ACCESS, name: 'HOST', default: '`127.0.0.1` without `API_KEYS`, `0.0.0.0` with', meaning: 'listen address: an IP address (`127.0.0.1`, `::1`, `0.0.0.0`, `::`) or `localhost` (host names are refused); without keys a non-loopback `HOST` stops start-up' },
  { group: ACCESS, name: 'API_KEYS', default: 'empty (auth off)', meaning: '`name:secret[|secret2][:role1|role2],...`; roles `ingest` (moderate images), `moderator` (reviews, search, audit), `policy-admin` (policies), `admin` (everything); secrets of 16+ characters; several secrets per entry for rotation; a repeated name or secret stops start-up ([security.md](security.md))' },
  { group: ACCESS, name: 'AUTH_DISABLED_ALLOW_REMOTE', default: '`false`', meaning: '`true`: serve without `API_KEYS` on a non-loopback `HOST`, on purpose' },
  { group: ACCESS, name: 'DOCS_ACCESS', default: '`public` without keys, `key` with', meaning: '`/docs`, `/docs-json`, `/docs-yaml`: `public`, `key` (any valid key) or `off`' },
  { group: ACCESS, name: 'METRICS_ACCESS', default: '`public`', meaning: '`/metrics`: `public` or `key` (any valid key)' },

  { group: MODEL, name: 'MODEL_DIR', default: '`models/emoji-clip-demo`', meaning: 'model folder (Hugging Face layout)' },
  { group: MODEL, name: 'MODEL_DTYPE', default: '`fp32`', meaning: 'ONNX variant: `fp32`, `fp16`, `q8`/`quantized`, `int8`, `uint8`, `q4`, `q4f16`, `bnb4`' },
  { group: MODEL, name: 'CLIP_WORKERS', default: '`auto`', meaning: 'inference worker threads, each with its own copy of the graphs; `auto`: 1 for a vision graph under 32 MiB, else 1 plus as many as 512 MiB holds at twice the graphs\' bytes each, at most one per core (int8 ViT-B/32: 2; fp32: 1) (see [performance.md](performance.md#chosen-defaults-and-why))' },
  { group: MODEL, name: 'CLIP_INTRA_OP_THREADS', default: '`auto`', meaning: 'ONNX Runtime threads per worker; `auto`: 1 when the vision graph is under 32 MiB (a model as small as the demo model runs faster on one), else the cores shared out among the workers, at least 1 each (see [performance.md](performance.md#chosen-defaults-and-why))' },
  { group: MODEL, name: 'CLIP_SOLO_THREADS', default: '`auto`', meaning: 'ONNX Runtime threads of a second vision session in worker 0, used for an image batch that has the pool to itself (nothing else running, queued or being decoded), so that a pool of single-threaded workers still gives a lone image every core; `auto`: the cores when there are several workers of a graph of 32 MiB or more, else none; `0`: none (see [performance.md](performance.md#chosen-defaults-and-why))' },
  { group: MODEL, name: 'CLIP_MAX_BATCH', default: '`16`', meaning: 'images per micro-batch' },
  { group: MODEL, name: 'CLIP_MAX_BATCH_WAIT_MS', default: '`2`', meaning: 'how long a partial batch waits for company' },
  { group: MODEL, name: 'CLIP_MAX_QUEUE', default: '`256`', meaning: 'images waiting for the model; beyond it requests get 503 `overloaded` at once' },
  { group: MODEL, name: 'CLIP_ALLOW_SPINNING', default: '`true`', meaning: 'ONNX Runtime intra-op spinning, only while a run is in progress (see [performance](performance.md))' },
  { group: MODEL, name: 'CLIP_FORCE_SPINNING_STOP', default: '`true`', meaning: 'with spinning on, ORT\'s threads stop spinning as soon as a run returns' },
  { group: MODEL, name: 'CLIP_DYNAMIC_BLOCK_BASE', default: '`0`', meaning: 'ORT `session.dynamic_block_base` (0 = static split of parallel loops)' },
  { group: MODEL, name: 'CLIP_WORKER_NICE', default: '`10`', meaning: 'nice value of the inference threads, so HTTP and decoding run first under saturation (0 = inherit)' },
  { group: MODEL, name: 'CLIP_TEXT_CACHE_SIZE', default: '`10000`', meaning: 'cached prompt embeddings' },
  { group: MODEL, name: 'CLIP_LOGIT_SCALE', default: 'from config.json, else 100', meaning: 'softmax temperature override' },
  { group: MODEL, name: 'CLIP_JOB_TIMEOUT_MS', default: '`60000`', meaning: 'a batch running longer marks its worker as hung: replaced (0: never)' },

  { group: IMAGES, name: 'IMAGE_BACKGROUND', default: '`#ffffff`', meaning: 'colour transparency is flattened onto (the demo model was trained on white)' },
  { group: IMAGES, name: 'IMAGE_FAST_SHRINK_ON_LOAD', default: '`true`', meaning: 'let JPEG/WebP decode at 1/2..1/8 scale before the bicubic resize (the model then reuses the reduced decode made for hashing); `false`: the model sees a full-scale decode, for Pillow parity (docs/performance.md#decode-fidelity)' },
  { group: IMAGES, name: 'IMAGE_DECODE_NICE', default: '`5`', meaning: 'nice value of libvips\' decoding threads, so the HTTP thread runs first under saturation (0 = leave them alone; Linux)' },
  { group: IMAGES, name: 'MEDIA_UPLOAD_POOL_BYTES', default: '`134217728` (128 MiB)', meaning: 'idle memory kept to receive raw uploads of 64 KiB and more in reused blocks (0 = a fresh buffer per upload); `upload_pool_blocks_total{outcome}` and `upload_pool_idle_bytes` on `/metrics`' },
  { group: IMAGES, name: 'MEDIA_MAX_BYTES', default: '`20971520` (20 MiB)', meaning: 'largest accepted image' },
  { group: IMAGES, name: 'MEDIA_MAX_PIXELS', default: '`50000000`', meaning: 'largest width x height of one frame' },
  { group: IMAGES, name: 'MEDIA_MAX_FRAMES', default: '`1000`', meaning: 'most frames in an animation' },
  { group: IMAGES, name: 'MEDIA_MAX_TOTAL_PIXELS', default: '`500000000`', meaning: 'width x height x frames of one animation' },
  { group: IMAGES, name: 'MEDIA_MAX_JPEG_SCANS', default: '`100`', meaning: 'most scans in a progressive JPEG' },
  { group: IMAGES, name: 'MEDIA_MAX_ASPECT_RATIO', default: '`50`', meaning: 'longer side / shorter side (the model\'s shortest-edge resize would turn a 20000x1 image into billions of pixels)' },
  { group: IMAGES, name: 'MEDIA_SAMPLED_FRAMES', default: '`8`', meaning: 'frames scored per animation (evenly spaced)' },
  { group: IMAGES, name: 'MEDIA_FORMATS', default: '`jpeg,png,webp,gif,avif,heif,tiff`', meaning: 'allowlist (SVG and other untrusted loaders are always off)' },
  { group: IMAGES, name: 'BLUR_SIGMA', default: '`30`', meaning: 'Gaussian blur strength of blurred renditions' },

  { group: POLICIES, name: 'POLICIES_DIR', default: '`policies`', meaning: 'policy folder' },
  { group: POLICIES, name: 'POLICIES_WATCH', default: '`true`', meaning: 'hot reload on file changes' },
  { group: POLICIES, name: 'POLICIES_SIMILARITY_WARN', default: '`0.9`', meaning: 'floor of the near-duplicate bound: prompts of two policies warn when their cosine is above this and above the model\'s own bound (see [policies/README.md](../policies/README.md#errors-and-warnings))' },
  { group: POLICIES, name: 'POLICY_VERSIONS', default: '`db`', meaning: 'where policy versions are kept: `db` (the service database), `file` (`DATA_DIR/policy-versions.jsonl`), `off` (files only; no `/v1/policy-sets`)' },
  { group: POLICIES, name: 'POLICY_EVAL_MAX_BYTES', default: '`209715200` (200 MiB)', meaning: 'largest sample archive `POST /v1/policies/evaluate` accepts (packed and unpacked)' },
  { group: POLICIES, name: 'POLICY_EVAL_MAX_SAMPLES', default: '`20000`', meaning: 'most images one evaluation scores' },
  { group: POLICIES, name: 'POLICY_SYNC_SECONDS', default: '`10`', meaning: 'how often a replica re-reads the kept versions, to pick up a version activated through another replica (`0`: only on start and file changes)' },

  { group: HTTP, name: 'REQUEST_TIMEOUT_MS', default: '`30000`', meaning: 'the whole HTTP request, headers and body (408, connection closed)' },
  { group: HTTP, name: 'HEADERS_TIMEOUT_MS', default: '`10000` (at most `REQUEST_TIMEOUT_MS`)', meaning: 'the request headers alone' },
  { group: HTTP, name: 'HTTP_JSON_MAX_BYTES', default: '`1048576` (1 MiB)', meaning: 'JSON bodies of routes that take no image (routes with base64 images take `MEDIA_MAX_BYTES` x 4/3)' },
  { group: HTTP, name: 'SHUTDOWN_GRACE_MS', default: '`10000`', meaning: 'how long SIGTERM waits for requests in flight before cutting them off' },
  { group: HTTP, name: 'HTTP_MAX_IN_FLIGHT', default: '`64`', meaning: 'image requests handled at once; beyond it 503 `overloaded` before the body is read' },
  { group: HTTP, name: 'HTTP_MAX_IN_FLIGHT_PER_KEY', default: '`HTTP_MAX_IN_FLIGHT`', meaning: 'image requests one key may have in flight; while other keys wait, each gets an equal share' },
  { group: HTTP, name: 'RATE_LIMITS', default: 'empty (off)', meaning: 'per API key: `name=rate[:burst],*=rate[:burst],name=off` (requests per second)' },
  { group: HTTP, name: 'MODERATION_DEADLINE_MS', default: '`15000`', meaning: 'per-request budget for embedding all sampled frames' },
  { group: HTTP, name: 'FAILURE_MODES', default: '`*=error`', meaning: 'per API key while the model cannot screen: `error`, `open`, `block`, `review`' },

  { group: JOBS, name: 'INSTANCE_ID', default: 'host-pid-random', meaning: 'names this instance in job and delivery leases and in the delivery log (1-128 visible ASCII characters, no spaces)' },
  { group: JOBS, name: 'WORKERS_ENABLED', default: '`true`', meaning: 'run the async-job and webhook-delivery workers in this instance (`false`: API only)' },
  { group: JOBS, name: 'JOBS_CONCURRENCY', default: '`2`', meaning: 'async jobs this instance runs at once' },
  { group: JOBS, name: 'JOBS_POLL_MS', default: '`1000`', meaning: 'how often idle workers look for due jobs (a submission wakes its own instance at once)' },
  { group: JOBS, name: 'JOBS_LEASE_MS', default: '`60000`', meaning: 'a running job\'s lease, renewed every third of it; an instance that dies loses its jobs to the others when it expires' },
  { group: JOBS, name: 'JOBS_MAX_ATTEMPTS', default: '`3`', meaning: 'runs of one job before a server fault fails it (client errors fail at once)' },
  { group: JOBS, name: 'JOBS_RETRY_BASE_MS', default: '`2000`', meaning: 'backoff base between job attempts (doubles, with jitter)' },
  { group: JOBS, name: 'BATCH_MAX_ITEMS', default: '`16`', meaning: 'images per `POST /v1/moderations/batch`' },
  { group: JOBS, name: 'IDEMPOTENCY_TTL_MS', default: '`86400000` (24 h)', meaning: 'how long an `Idempotency-Key` and its answer are kept' },

  { group: FETCH, name: 'FETCH_MAX_BYTES', default: '`MEDIA_MAX_BYTES`', meaning: 'largest image fetched from a URL' },
  { group: FETCH, name: 'FETCH_TIMEOUT_MS', default: '`10000`', meaning: 'whole fetch, DNS and every redirect included' },
  { group: FETCH, name: 'FETCH_MAX_REDIRECTS', default: '`3`', meaning: 'redirects followed (each hop checked again)' },
  { group: FETCH, name: 'FETCH_ALLOW_CIDRS', default: 'empty', meaning: 'IP addresses/CIDRs (`10.9.0.0/16`, `fd00::/8`) allowed although private, loopback or link-local (e.g. an internal image store); applies to URL intake and webhook URLs' },

  { group: WEBHOOKS, name: 'WEBHOOK_CONCURRENCY', default: '`8`', meaning: 'deliveries in flight per instance' },
  { group: WEBHOOKS, name: 'WEBHOOK_POLL_MS', default: '`1000`', meaning: 'how often idle delivery workers look for due deliveries' },
  { group: WEBHOOKS, name: 'WEBHOOK_TIMEOUT_MS', default: '`10000`', meaning: 'one delivery attempt' },
  { group: WEBHOOKS, name: 'WEBHOOK_RETRY_BASE_MS', default: '`5000`', meaning: 'backoff: base x 2^(attempt-1), capped, with equal jitter' },
  { group: WEBHOOKS, name: 'WEBHOOK_RETRY_MAX_DELAY_MS', default: '`21600000` (6 h)', meaning: 'backoff: base x 2^(attempt-1), capped, with equal jitter' },
  { group: WEBHOOKS, name: 'WEBHOOK_RETRY_MAX_AGE_MS', default: '`259200000` (3 days)', meaning: 'a delivery is given up (`failed`) when its next attempt would fall beyond this age' },
  { group: WEBHOOKS, name: 'WEBHOOK_DISABLE_AFTER_MS', default: '`432000000` (5 days)', meaning: 'an endpoint whose deliveries keep failing this long is disabled (`webhook.disabled` event)' },
  { group: WEBHOOKS, name: 'WEBHOOK_SECRET_OVERLAP_MS', default: '`86400000` (24 h)', meaning: 'default time the previous secret keeps signing after a rotation' },
  { group: WEBHOOKS, name: 'EVENT_RETENTION_MS', default: '`2592000000` (30 days)', meaning: 'finished async jobs, delivered or failed deliveries (with their log) and their events are deleted after this long; deliveries being retried never; deliveries held for a disabled endpoint once older than this' },
  { group: WEBHOOKS, name: 'SECRETS_KEY', default: 'empty: key file `DATA_DIR/secrets.key` (0600, created on first start)', meaning: '32 bytes in base64 (`openssl rand -base64 32`) encrypting webhook secrets at rest; the same on every instance' },
  { group: WEBHOOKS, name: 'SECRETS_KEY_PREVIOUS', default: 'empty', meaning: 'comma-separated previous keys, accepted for decryption during a key rotation (rows are re-encrypted with `SECRETS_KEY` at start)' },

  { group: STORAGE, name: 'DATA_DIR', default: '`data`', meaning: 'SQLite database and kept images' },
  { group: STORAGE, name: 'DATABASE_URL', default: 'empty (SQLite)', meaning: '`postgres://user:pass@host:5432/db` to use PostgreSQL' },
  { group: STORAGE, name: 'DATABASE_POOL_SIZE', default: '`10`', meaning: 'PostgreSQL connections per instance' },
  { group: STORAGE, name: 'SQLITE_SYNC', default: '`fsync`', meaning: '`fsync`: commits durable before the answer, fsync of the WAL off the HTTP thread, grouped; `full`: SQLite `synchronous=FULL` (fsync on the HTTP thread); `normal`: no fsync before answering (survives a process crash, not a power loss)' },
  { group: STORAGE, name: 'SQLITE_CHECKPOINT', default: '`background`', meaning: '`background`: the WAL is checkpointed into the database file by a second connection on a worker thread; `inline`: SQLite\'s automatic checkpoint inside the COMMIT that passes 1000 WAL pages, on the HTTP thread' },
  { group: STORAGE, name: 'RECORD_MODE', default: '`all`', meaning: 'store every moderation (`all`) or only non-allow ones (`non-allow`)' },
  { group: STORAGE, name: 'KEEP_IMAGES', default: '`flag,blur,block`', meaning: 'decisions whose image is kept for review (add `allow` to keep everything)' },
  { group: STORAGE, name: 'BLOB_DIR', default: '`DATA_DIR/blobs`', meaning: 'folder of kept images' },
  { group: STORAGE, name: 'IMAGE_RETENTION_HOURS', default: '`720` (30 days)', meaning: 'kept images are deleted this long after their review closed (or after the moderation when never queued)' },
  { group: STORAGE, name: 'RETENTION_SWEEP_SECONDS', default: '`3600`', meaning: 'how often the retention sweeper runs' },

  { group: REVIEW, name: 'REVIEW_ACTIONS', default: '`flag,blur`', meaning: 'policy actions that open a review item' },
  { group: REVIEW, name: 'REVIEW_POLICY_ACTIONS', default: 'empty', meaning: 'per policy: `weapons=flag|blur|block,alcohol=none`' },
  { group: REVIEW, name: 'REVIEW_LEASE_SECONDS', default: '`600`', meaning: 'how long a claim lasts' },
  { group: REVIEW, name: 'REVIEW_REVEAL_REASON_REQUIRED', default: '`true`', meaning: 'a reveal of an original must give `reason`' },
  { group: REVIEW, name: 'APPEAL_MAX_PER_ITEM', default: '`3`', meaning: 'appeals one review item may receive (1..1000)' },
  { group: REVIEW, name: 'APPEALS_PER_HOUR_PER_KEY', default: '`60`', meaning: 'appeals one API key may file in any sliding hour' },

  { group: LOGGING, name: 'LOG_LEVEL', default: '`log`', meaning: '`debug`, `log` (or its synonym `info`), `warn`, `error`; route mappings and module start-up lines are at `debug` ([operations.md](operations.md))' },
  { group: LOGGING, name: 'LOG_FORMAT', default: '`pretty` on a terminal, `json` otherwise', meaning: '`json` (one object per line) or `pretty` (pino-pretty); colours only on a terminal' },
  { group: DASHBOARD, name: 'UI_ENABLED', default: '`true`', meaning: 'serve the moderator dashboard ([dashboard.md](dashboard.md))' },
  { group: DASHBOARD, name: 'UI_PATH', default: '`/ui`', meaning: 'where the dashboard is served; must not overlap `/v1`, `/docs`, `/health` or `/metrics`' },
  { group: DASHBOARD, name: 'UI_SESSION_TTL_SECONDS', default: '`28800` (8 h)', meaning: 'lifetime of a dashboard session (60 s to 30 days); sessions live in memory, per instance' },
  { group: DASHBOARD, name: 'UI_MAX_SESSIONS', default: '`10000`', meaning: 'most live dashboard sessions per instance' },
  { group: BANKS, name: 'BANKS_SKIP_CLIP_ON_BLOCK', default: '`false`', meaning: 'a match in an enforced `block` bank answers `block` without running the model ([hashing.md](hashing.md))' },
  { group: BANKS, name: 'BANKS_EMBEDDING_THRESHOLD', default: '`0.93`', meaning: 'the CLIP-embedding cosine threshold a new bank gets (-1..1), measured on the demo model; `off`: new banks match by hashes only' },
  { group: BANKS, name: 'HASH_UPLOADS', default: '`banks`', meaning: '`banks`: PDQ (and MD5) of an upload only while an enabled bank holds entries of that signal, so the model decodes at its own scale; `always`: every upload, so every record can be found by near-duplicate lookup ([hashing.md](hashing.md))' },
];
