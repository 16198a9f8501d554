import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
}

/** The dashboard's own files (repository folder ui/, beside src/ and dist/). */
const UI_DIR = path.resolve(__dirname, '..', '..', 'ui');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
};

/** Runtime libraries served from node_modules (no build step, no CDN): bare specifier -> ESM file. */
const VENDOR: Record<string, { resolve: string; file: string }> = {
  preact: { resolve: 'preact', file: 'preact.mjs' },
  'preact/hooks': { resolve: 'preact/hooks', file: 'hooks.mjs' },
  htm: { resolve: 'htm', file: 'htm.mjs' },
};

const IMPORT = /(\bfrom\s*|\bimport\s*)(["'])(preact\/hooks|preact|htm)\2/g;
const hash = (b: Buffer | string) => createHash('sha256').update(b).digest('hex').slice(0, 16);

/**
 * Every file the dashboard serves, read once at start-up. Browsers cannot resolve bare specifiers
 * ('preact') and an import map would be an inline script (refused by our CSP), so imports of the
 * vendored libraries are rewritten here to content-hashed URLs under <UI_PATH>/vendor/, which can
 * then be cached for a year; our own files are revalidated (no-cache + ETag).
 */
export function loadAssets(base: string, dir = UI_DIR): Map<string, Asset> {
  const out = new Map<string, Asset>();
  const urls = new Map<string, string>();
  const sources = new Map<string, string>();
  for (const [spec, v] of Object.entries(VENDOR)) {
    const file = path.join(path.dirname(require.resolve(v.resolve)), v.file);
    const text = fs.readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/m, '');
    sources.set(spec, text);
  }
  // preact first: hooks imports it, so its URL must be known when hooks is rewritten.
  for (const spec of ['preact', 'htm', 'preact/hooks']) {
    const text = rewrite(sources.get(spec)!, urls);
    const url = `${base}/vendor/${VENDOR[spec].file.replace(/\.mjs$/, '')}.${hash(text)}.mjs`;
    urls.set(spec, url);
    const body = Buffer.from(text);
    out.set(url, { body, type: TYPES['.mjs'], etag: `"${hash(body)}"`, cacheControl: 'public, max-age=31536000, immutable' });
  }
  for (const rel of walk(dir)) {
    const ext = path.extname(rel);
    if (!TYPES[ext]) continue;
    let body = fs.readFileSync(path.join(dir, rel));
    if (ext === '.js') body = Buffer.from(rewrite(body.toString('utf8'), urls));
    const url = `${base}/${rel.split(path.sep).join('/')}`;
    out.set(url, { body, type: TYPES[ext], etag: `"${hash(body)}"`, cacheControl: 'no-cache' });
  }
  const index = out.get(`${base}/index.html`);
  if (!index) throw new Error(`the dashboard's files are missing: ${path.join(dir, 'index.html')} not found (set UI_ENABLED=false to run without it)`);
  out.set(`${base}/`, index);
  return out;
}

function rewrite(text: string, urls: Map<string, string>): string {
  return text.replace(IMPORT, (m, kw: string, q: string, spec: string) => {
    const url = urls.get(spec);
    if (!url) throw new Error(`ui: import of "${spec}" before it was vendored`);
    return `${kw}${q}${url}${q}`;
  });
}

function walk(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(prefix, e.name);
    return e.isDirectory() ? walk(dir, rel) : [rel];
  });
}
