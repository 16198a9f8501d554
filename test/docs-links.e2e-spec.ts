import * as fs from 'fs';
import * as path from 'path';
import { slug } from '../scripts/configuration-doc';

/**
 * Every relative link in README.md and docs/*.md points at a file of this repository, and every
 * #anchor at a heading of the page it names (GitHub's anchors). Links inside code are not links.
 */
const ROOT = path.join(__dirname, '..');


/** The Markdown with fenced code blocks and inline code spans blanked out. */
function withoutCode(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`+[^`\n]*`+/g, '');
}

export function links(text: string): string[] {
  return [...withoutCode(text).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
}

/** GitHub's anchors of a page: one per heading, repeats numbered -1, -2, … */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of withoutCode(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(m[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

/** Every broken relative link of one page, as "page: link (why)". */
export function brokenLinks(page: string, text: string, read: (file: string) => string | null): string[] {
  const out: string[] = [];
  for (const link of links(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // http:, https:, mailto:
    const [file, anchor] = link.split('#', 2) as [string, string | undefined];
    const target = file ? path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURIComponent(file))) : page;
    const body = target === page ? text : read(target);
    if (body === null) {
      out.push(`${page}: ${link} (no file ${target})`);
      continue;
    }
    if (anchor !== undefined && target.endsWith('.md') && !anchors(body).has(anchor)) out.push(`${page}: ${link} (no heading #${anchor} in ${target})`);
  }
  return out;
}

function readRepo(file: string): string | null {
  const abs = path.join(ROOT, file);
  if (file.startsWith('..') || !fs.existsSync(abs)) return null;
  return fs.statSync(abs).isDirectory() ? '' : fs.readFileSync(abs, 'utf8');
}

const PAGES = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('relative links in README.md and docs/*.md', () => {
  it('found the pages and their links', () => {
    expect(PAGES).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'docs/development.md', 'docs/configuration.md']));
    expect(links(readRepo('README.md')!).length).toBeGreaterThan(10);
  });

  it.each(PAGES)('%s: every relative link and anchor resolves', (page) => {
    expect(brokenLinks(page, readRepo(page)!, readRepo)).toEqual([]);
  });

  it('the checker reports a missing file, a missing anchor and a missing same-page anchor, and ignores code', () => {
    const files: Record<string, string> = { 'docs/a.md': '# Title\n\n## Node.js versions\n\n## Repeat\n\n## Repeat\n', 'docs/b.png': '' };
    const read = (f: string) => files[f] ?? null;
    const page = [
      '# Page', '', '## Here', '',
      '[ok](a.md) [ok](a.md#nodejs-versions) [ok](a.md#repeat-1) [ok](#here) ![img](b.png) [web](https://example.com/x.md)',
      '[gone](missing.md) [bad](a.md#nowhere) [self](#elsewhere) [up](../README.md)',
      '`[code](not-checked.md)`', '```', '[fenced](not-checked-either.md)', '```',
    ].join('\n');
    expect(brokenLinks('docs/page.md', page, read)).toEqual([
      'docs/page.md: missing.md (no file docs/missing.md)',
      'docs/page.md: a.md#nowhere (no heading #nowhere in docs/a.md)',
      'docs/page.md: #elsewhere (no heading #elsewhere in docs/page.md)',
      'docs/page.md: ../README.md (no file README.md)',
    ]);
  });
});
