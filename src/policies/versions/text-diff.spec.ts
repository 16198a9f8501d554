import { unifiedDiff } from './text-diff';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb', 'a\nb')).toBe('');
  });
  it('shows a changed line with context, like diff -u', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n');
    const after = ['1', '2', '3', '4', 'five', '6', '7', '8', '9'].join('\n');
    expect(unifiedDiff(before, after)).toBe('@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n');
  });
  it('separates distant changes into hunks and handles pure additions', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const lines = before.split('\n');
    lines[1] = 'changed';
    lines.splice(18, 0, 'added');
    const d = unifiedDiff(before, lines.join('\n'));
    expect(d.match(/^@@/gm)).toHaveLength(2);
    expect(d).toContain('-l1\n+changed\n');
    expect(d).toContain('+added\n');
    expect(unifiedDiff('', 'x')).toBe('@@ -1,1 +1,1 @@\n-\n+x\n');
  });
});
