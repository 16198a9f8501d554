import { cpSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ClipOptions } from '../../src/clip/clip.options';

const FIXTURES = join(__dirname, '../fixtures');

/**
 * Assembles the tiny CLIP-shaped model (test/fixtures/clip-tiny + the shared CLIP tokenizer) in a
 * temp folder named `name`, so tests can also break individual files without touching fixtures.
 */
export function makeTinyModelDir(name = 'tiny-clip'): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'clip-test-'));
  const dir = join(root, name);
  cpSync(join(FIXTURES, 'clip-tiny'), dir, { recursive: true, filter: (src) => !src.endsWith('.py') });
  cpSync(join(FIXTURES, 'clip-tokenizer/tokenizer.json'), join(dir, 'tokenizer.json'));
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function clipOptions(modelDir: string, overrides: Partial<ClipOptions> = {}): ClipOptions {
  return {
    modelDir,
    dtype: 'fp32',
    workers: 1,
    intraOpThreads: 1,
    maxBatchSize: 8,
    maxBatchWaitMs: 5,
    maxQueue: 64,
    background: { r: 255, g: 255, b: 255 },
    fastShrinkOnLoad: false,
    textCacheSize: 100,
    ...overrides,
  };
}
