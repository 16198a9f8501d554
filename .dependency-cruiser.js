/**
 * Architecture rules checked in CI (`npm run lint:deps`):
 * - the decision engine is pure: it imports nothing outside src/decisions;
 * - native and I/O libraries are used only by the one class at each I/O edge.
 */
const EDGES = {
  sharp: '^src/(clip/(image-preprocessor|bicubic-upscale)|media/image-codec)\\.ts$',
  'onnxruntime-node': '^src/clip/worker/inference\\.worker\\.ts$',
  pg: '^src/storage/',
  'better-sqlite3': '^src/storage/',
};

module.exports = {
  forbidden: [
    {
      name: 'decisions-are-pure',
      comment: 'src/decisions holds pure scoring and decision functions: no Nest, no I/O, no other feature modules',
      severity: 'error',
      from: { path: '^src/decisions/', pathNot: '[.-]spec\\.ts$' },
      to: { pathNot: '^src/decisions/' },
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
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '[.-]spec\\.ts$' },
  },
};
