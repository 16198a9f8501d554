import { createHash } from 'crypto';
import { createReadStream, promises as fs } from 'fs';
import * as path from 'path';
import { modelFiles } from './model-folder';

export interface PullProgress {
  file: string;
  /** Bytes on disk so far, including a resumed .part. */
  received: number;
  /** Expected size, when the hub says. */
  total?: number;
  done: boolean;
}

export interface PullerOptions {
  /** Hub base URL, e.g. https://huggingface.co or a mirror. */
  endpoint: string;
  /** Bearer token for gated/private repos. */
  token?: string;
  /** Attempts per file; each retry resumes from the .part with an HTTP Range request. */
  retries?: number;
  retryDelayMs?: number;
  onProgress?: (p: PullProgress) => void;
  fetch?: typeof fetch;
}

export interface PulledFile {
  path: string;
  bytes: number;
  sha256?: string;
  /** Already present and verified; nothing downloaded. */
  skipped: boolean;
}

export class ChecksumError extends Error {}

interface Remote {
  url: string;
  size?: number;
  sha256?: string;
}

const SHA256 = /^[0-9a-f]{64}$/;
const MAX_REDIRECTS = 5;

/**
 * The hub's repo id rules (huggingface_hub's validate_repo_id): an optional owner and a name, each
 * of letters, digits, `_`, `-` and `.`, at most 96 characters, starting and ending with a letter,
 * digit or `_`, without `--` or `..`. That leaves no `.` or `..` segment, so the name can be used
 * as a folder name under the destination.
 */
const REPO_SEGMENT = /^(?!.*(--|\.\.))\w(?:[\w.-]{0,94}\w)?$/;

export function validateRepoId(repo: string): string {
  const parts = repo.split('/');
  if (parts.length > 2 || !parts.every((p) => REPO_SEGMENT.test(p))) {
    throw new Error(`invalid repo id "${repo}": expected [owner/]name of letters, digits, "_", "-" and "." (no "..", "--", or leading/trailing "." or "-")`);
  }
  return repo;
}

/** `child` resolved, refused unless it lies strictly inside `parent` (a guard against path tricks in names). */
export function confined(parent: string, child: string): string {
  const base = path.resolve(parent);
  const target = path.resolve(base, child);
  const rel = path.relative(base, target);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`"${child}" would be written outside ${base}`);
  return target;
}

/** ETags arrive quoted and sometimes weak (W/"..."); only a bare 64-hex value is a sha256. */
function sha256FromEtag(v: string | null): string | undefined {
  const s = v?.replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();
  return s && SHA256.test(s) ? s : undefined;
}

function sizeHeader(v: string | null): number | undefined {
  const n = v === null ? NaN : Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

async function fileSize(file: string): Promise<number | undefined> {
  const st = await fs.stat(file).catch(() => null);
  return st?.isFile() ? st.size : undefined;
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

/**
 * Downloads a CLIP export from a Hugging Face-compatible hub into a local model folder. Large ONNX
 * files survive flaky links: bytes go to `<file>.part`, a retry asks for the rest with Range, and
 * the finished file is checked against the hub's sha256 (LFS files) before it replaces anything.
 */
export class ModelPuller {
  private readonly fetch: typeof fetch;

  constructor(private readonly opts: PullerOptions) {
    this.fetch = opts.fetch ?? fetch;
  }

  fileUrl(repo: string, revision: string, file: string): string {
    const base = this.opts.endpoint.replace(/\/+$/, '');
    return `${base}/${repo}/resolve/${encodeURIComponent(revision)}/${file}`;
  }

  async pull(repo: string, opts: { dtype: string; revision: string; dest: string }): Promise<PulledFile[]> {
    validateRepoId(repo);
    const out: PulledFile[] = [];
    for (const file of modelFiles(opts.dtype)) {
      out.push(await this.pullFile(this.fileUrl(repo, opts.revision, file), confined(opts.dest, file), file));
    }
    return out;
  }

  async pullFile(url: string, target: string, label = path.basename(target)): Promise<PulledFile> {
    const remote = await this.describe(url);
    const existing = await fileSize(target);
    if (existing !== undefined && (remote.sha256 ? (await sha256File(target)) === remote.sha256 : existing === remote.size)) {
      this.opts.onProgress?.({ file: label, received: existing, total: existing, done: true });
      return { path: target, bytes: existing, sha256: remote.sha256, skipped: true };
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    const part = `${target}.part`;
    const retries = this.opts.retries ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.fetchInto(remote, part, label);
        break;
      } catch (e) {
        if (attempt >= retries || e instanceof ChecksumError) throw e;
        await new Promise((r) => setTimeout(r, (this.opts.retryDelayMs ?? 500) * attempt));
      }
    }
    const bytes = (await fileSize(part)) ?? 0;
    if (remote.size !== undefined && bytes !== remote.size) {
      await fs.rm(part, { force: true });
      throw new ChecksumError(`${label}: got ${bytes} bytes, the hub announced ${remote.size}`);
    }
    if (remote.sha256) {
      const got = await sha256File(part);
      if (got !== remote.sha256) {
        // A corrupt .part must not be resumed on the next run either.
        await fs.rm(part, { force: true });
        throw new ChecksumError(`${label}: sha256 mismatch (expected ${remote.sha256}, got ${got})`);
      }
    }
    await fs.rename(part, target);
    this.opts.onProgress?.({ file: label, received: bytes, total: bytes, done: true });
    return { path: target, bytes, sha256: remote.sha256, skipped: false };
  }

  /**
   * identity encoding: with gzip, fetch would hand us decoded bytes that no longer match
   * content-length or Range offsets. The token goes to the hub's own origin only: the hub redirects
   * LFS files to a CDN on another host whose signed URL needs no token, and a mirror or a hostile
   * redirect must never receive it.
   */
  private headers(url: string, extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { 'accept-encoding': 'identity', ...extra };
    if (this.opts.token && new URL(url).origin === new URL(this.opts.endpoint).origin) h.authorization = `Bearer ${this.opts.token}`;
    return h;
  }

  /** GET that follows redirects itself, so that each hop gets the headers its own origin may see. */
  private async get(url: string, extra: Record<string, string>): Promise<Response> {
    for (let hop = 0; ; hop++) {
      const res = await this.fetch(url, { redirect: 'manual', headers: this.headers(url, extra) });
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (!location) return res;
      if (hop >= MAX_REDIRECTS) throw new Error(`${url}: more than ${MAX_REDIRECTS} redirects`);
      await res.body?.cancel();
      url = new URL(location, url).toString();
    }
  }

  /**
   * HEAD without following redirects: the hub answers LFS files with a redirect to its CDN whose
   * headers carry x-linked-etag (the sha256) and x-linked-size; the CDN response would not.
   */
  private async describe(url: string): Promise<Remote> {
    const res = await this.fetch(url, { method: 'HEAD', redirect: 'manual', headers: this.headers(url) });
    if (res.status === 401 || res.status === 403) throw new Error(`${url}: access denied (HTTP ${res.status}); set HF_TOKEN for gated repos`);
    if (res.status === 404) throw new Error(`${url}: not found (HTTP 404)`);
    const redirected = res.status >= 300 && res.status < 400 && res.headers.get('location');
    if (!redirected && !res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return {
      url: redirected ? new URL(redirected, url).toString() : url,
      size: sizeHeader(res.headers.get('x-linked-size')) ?? (redirected ? undefined : sizeHeader(res.headers.get('content-length'))),
      sha256: sha256FromEtag(res.headers.get('x-linked-etag')) ?? sha256FromEtag(res.headers.get('etag')),
    };
  }

  private async fetchInto(remote: Remote, part: string, label: string): Promise<void> {
    let offset = (await fileSize(part)) ?? 0;
    if (remote.size !== undefined && offset === remote.size) return;
    if (remote.size !== undefined && offset > remote.size) offset = 0;
    const res = await this.get(remote.url, offset > 0 ? { range: `bytes=${offset}-` } : {});
    if (res.status === 416) {
      // Our .part is no prefix the server recognises: start over.
      await fs.rm(part, { force: true });
      throw new Error(`${label}: server refused to resume (HTTP 416)`);
    }
    if (!res.ok || !res.body) throw new Error(`${label}: HTTP ${res.status}`);
    // A server that ignores Range answers 200 with the whole file.
    if (res.status !== 206) offset = 0;
    const fh = await fs.open(part, offset > 0 ? 'a' : 'w');
    let received = offset;
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        await fh.write(chunk);
        received += chunk.length;
        this.opts.onProgress?.({ file: label, received, total: remote.size, done: false });
      }
    } finally {
      await fh.close();
    }
  }
}
