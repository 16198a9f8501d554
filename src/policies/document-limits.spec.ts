import * as fs from 'fs';
import * as path from 'path';
import { documentShapeProblem, MAX_NESTING } from './document-limits';

const ROOT = path.join(__dirname, '..', '..');
const yamlFiles = (dir: string) => fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.yaml')).map((f) => path.join(dir, f));

describe('documentShapeProblem', () => {
  it.each([...yamlFiles('policies'), ...yamlFiles('policies/examples'), ...yamlFiles('test/fixtures/policies')])('accepts %s', (file) => {
    expect(documentShapeProblem(fs.readFileSync(path.join(ROOT, file), 'utf8'))).toBeNull();
  });

  it('reads quoting, comments and block scalars as the parser does (brackets in text do not nest)', () => {
    const text = `a: "${'['.repeat(60)}"\nb: '${'{'.repeat(60)}'\n# ${'['.repeat(60)}\nc: |\n  ${'['.repeat(60)}\nd: x${'['.repeat(60)}\n`;
    expect(documentShapeProblem(text)).toBeNull();
  });

  it.each([
    ['flow nesting', 'a: ' + '['.repeat(500_000), { line: 1, column: 4 + MAX_NESTING }, false],
    ['block nesting', Array.from({ length: 40 }, (_, i) => ' '.repeat(i) + 'k:').join('\n'), { line: MAX_NESTING + 1, column: MAX_NESTING + 1 }, false],
    ['compact nesting', '- '.repeat(100_000) + 'x', { line: 1, column: 2 * MAX_NESTING + 1 }, false],
    ['a long line', `a: [${'1, '.repeat(300_000)}1]`, { line: 1 }, false],
    ['too many tokens', '- 1\n'.repeat(100_000), {}, true],
    ['too many characters', 'a: ' + 'x'.repeat(3 * 1024 * 1024), { line: 1, column: 1 }, true],
  ])('refuses %s quickly, with a position', (_name, text, where, size) => {
    const t0 = Date.now();
    const p = documentShapeProblem(text as string);
    expect(p).toMatchObject({ ...(where as object), size });
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
