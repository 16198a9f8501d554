import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';

// The decision engine stays pure: no Nest, no I/O, no native modules, nothing outside this folder
// but the WebAssembly loader (src/common/wasm-kernel.ts: compiles a kernel from its base64, no I/O).
// (A dependency-cruiser rule would say the same; this check runs with the unit tests.)
const ALLOWED = new Set(['../common/wasm-kernel']);
describe('src/decisions imports', () => {
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !/[.-]spec\.ts$/.test(f));
  it.each(files)('%s imports only sibling modules', (file) => {
    const text = readFileSync(path.join(__dirname, file), 'utf8');
    const specifiers = [...text.matchAll(/\b(?:from|import|require)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(specifiers.filter((s) => !/^\.\/[\w.-]+$/.test(s) && !ALLOWED.has(s))).toEqual([]);
  });
  it('found the engine files', () => {
    expect(files).toEqual(expect.arrayContaining(['decide.ts', 'scoring.ts', 'frames.ts', 'classification-metrics.ts', 'decision.types.ts']));
  });
});
