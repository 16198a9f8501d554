/**
 * Architecture rules checked in CI (`npm run lint:deps`):
 * - the decision engine is pure: it imports nothing outside src/decisions but the WebAssembly loader
 *   (src/common/wasm-kernel.ts, which compiles a kernel from base64: no I/O);
 * - native and I/O libraries are used only by the one class at each I/O edge;
 * - no file cycle, and none of the back arrows listed below (docs/architecture.md explains the layers).
 */
const EDGES = {
  sharp: '^src/(clip/(image-preprocessor|bicubic-upscale)|media/image-codec)\\.ts$',
  'onnxruntime-node': '^src/clip/worker/inference\\.worker\\.ts$',
  pg: '^src/storage/',
  'better-sqlite3': '^src/storage/',
  // SQL only in repositories: each table has one *.repository.ts (docs/schema.md lists them).
  kysely: '(^src/storage/|\\.repository\\.ts$)',
};

/** [from, to, why]: folders of src/ that must not import the other (the arrow would run back up). */
const BACK_ARROWS = [
  ['records', 'moderation', 'records is below moderation: the answer type ModerationBody lives in src/records/moderation-body.ts'],
  ['webhooks', 'moderation', 'webhooks (and its outbox) is below moderation: event data uses src/records/moderation-body.ts'],
  ['audit', 'policies', 'audit is the lowest feature module: policy reloads are audited from src/policies (PolicyAuditBinding)'],
  ['audit', 'records', 'audit is the lowest feature module: list helpers (qs, cursor) live in src/common'],
  ['webhooks', 'jobs', 'webhook delivery and the job queue are siblings: the shared backoff is src/common/backoff.ts'],
  ['common', 'ui', 'common is below every feature: configureHttp, which mounts the dashboard, is src/http-setup.ts beside main.ts'],
  ['common', 'metrics', 'common is below every feature: admission control keeps its counts and src/metrics reads them at scrape time'],
  ['webhooks', 'reviews', 'review and appeal events are written by src/reviews (ReviewEvents) through OutboxService'],
  ['webhooks', 'banks', 'bank events are written by src/banks (BanksService) through OutboxService; bank.match by the moderation commit (src/jobs)'],
  ['moderation', 'jobs', 'the routes that take images and SubmissionService live in src/intake, above jobs'],
  ['jobs', 'intake', 'intake is the top of the request path: it submits to jobs, never the other way'],
  ['moderation', 'intake', 'intake is the top of the request path: moderation runs one image, whoever asked'],
];

// policies → audit (PolicyAuditBinding in policy-api.module.ts) is not a back arrow any more: with
// audit → policies gone, audit is the lowest feature module and every feature that changes state writes to it.

/** Back arrows not removed yet (issue 17): reported as warnings, with what will remove them. */
const PENDING_BACK_ARROWS = [];

module.exports = {
  forbidden: [
    {
      name: 'decisions-are-pure',
      comment: 'src/decisions holds pure scoring and decision functions: no Nest, no I/O, no other feature modules',
      severity: 'error',
      from: { path: '^src/decisions/', pathNot: '[.-]spec\\.ts$' },
      to: { pathNot: ['^src/decisions/', '^src/common/wasm-kernel\\.ts$'] },
    },
    ...Object.entries(EDGES).map(([lib, allowed]) => ({
      name: `${lib}-only-at-its-edge`,
      comment: `${lib} is an I/O edge: only ${allowed} may import it`,
      severity: 'error',
      from: { path: '^src/', pathNot: [allowed, '[.-]spec\\.ts$'] },
      to: { path: `node_modules/${lib}/` },
    })),
    {
      name: 'no-circular',
      comment: 'a file cycle hides which module is below which; move the shared piece down instead',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    // Arrows that ran back up the module graph (issue 17) and were removed by moving a type or a
    // binding to the module that owns it: they must not come back.
    ...BACK_ARROWS.map(([from, to, why]) => ({
      name: `no-${from}-to-${to}`,
      comment: why,
      severity: 'error',
      from: { path: `^src/${from}/`, pathNot: '[.-]spec\\.ts$' },
      to: { path: `^src/${to}/` },
    })),
    {
      name: 'clip-is-self-contained',
      comment: 'src/clip is the model runtime (model folder, tokenizer, ONNX workers): it imports nothing of the app; src/engine adapts it (errors, options)',
      severity: 'error',
      from: { path: '^src/clip/', pathNot: '[.-]spec\\.ts$' },
      to: { path: '^src/', pathNot: '^src/clip/' },
    },
    {
      name: 'common-is-below-features',
      comment: 'src/common (errors, auth, validation, request edge) is shared by every feature, so it imports only config and storage',
      severity: 'error',
      from: { path: '^src/common/', pathNot: '[.-]spec\\.ts$' },
      to: { path: '^src/', pathNot: '^src/(common|config|storage)/' },
    },
    // Back arrows still present: warnings until the intake/one-commit redesign of issue 17 removes them.
    ...PENDING_BACK_ARROWS.map(([from, to, why]) => ({
      name: `pending-${from}-to-${to}`,
      comment: why,
      severity: 'warn',
      from: { path: `^src/${from}/`, pathNot: '[.-]spec\\.ts$' },
      to: { path: `^src/${to}/` },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '[.-]spec\\.ts$' },
  },
};
