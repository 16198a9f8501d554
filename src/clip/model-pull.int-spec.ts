import { createHash } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { makeTinyModelDir } from '../../test/support/clip-tiny-model';
import { main as modelCli, parsePullArgs } from '../cli/model';
import { loadModelFolder, modelFiles } from './model-folder';
import { ChecksumError, confined, ModelPuller, PullProgress, validateRepoId } from './model-pull';
import { ProgressBar } from './progress-bar';

/** Buffer.equals: jest's toEqual walks 2 MB buffers element by element, which takes seconds. */
const sameBytes = (a: string, b: string) => readFileSync(a).equals(readFileSync(b));

interface Hit {
  method: string;
  url: string;
  range?: string;
  authorization?: string;
}

/**
 * A local stand-in for the hub: /<org>/<name>/resolve/<rev>/<file> (any repo path serves the same
 * model). Like huggingface.co, LFS files (.onnx, tokenizer.json) answer with a redirect to a CDN path
 * (on `cdn`, another origin, when set) and carry x-linked-etag (sha256) and x-linked-size; small git
 * files answer directly with a 40-hex git ETag that is not a sha256.
 */
class FakeHub {
  hits: Hit[] = [];
  /** Files whose first CDN download is cut after half of the bytes. */
  dropOnce = new Set<string>();
  /** Files whose announced sha256 is wrong. */
  badSha = new Set<string>();
  ignoreRange = false;
  /** Origin of the CDN that LFS redirects point to; '' keeps them on this server. */
  cdn = '';
  private server!: http.Server;
  endpoint = '';

  constructor(private readonly dir: string) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.hits.push({ method: req.method!, url: req.url!, range: req.headers.range, authorization: req.headers.authorization });
    const m = /^\/(?:(?:[^?]*\/)?resolve\/main|cdn)\/(.+)$/.exec(req.url!);
    const file = m && join(this.dir, decodeURIComponent(m[1]));
    if (!m || !file || !existsSync(file)) {
      res.writeHead(404).end('Entry not found');
      return;
    }
    const rel = m[1];
    const body = readFileSync(file);
    const lfs = rel.endsWith('.onnx') || rel === 'tokenizer.json';
    if (lfs && !req.url!.startsWith('/cdn/')) {
      const sha = this.badSha.has(rel) ? '0'.repeat(64) : createHash('sha256').update(body).digest('hex');
      res.writeHead(302, { location: `${this.cdn}/cdn/${rel}`, 'x-linked-etag': `"${sha}"`, 'x-linked-size': String(body.length), etag: '"abc"' });
      res.end();
      return;
    }
    const gitEtag = `"${createHash('sha1').update(body).digest('hex')}"`;
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range && !this.ignoreRange) start = Number(range[1]);
    const headers = { etag: gitEtag, 'accept-ranges': 'bytes', 'content-length': String(body.length - start) };
    if (start > 0) res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
    else res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (this.dropOnce.delete(rel)) {
      // Send half, then kill the connection as a flaky link would.
      res.write(body.subarray(start, start + Math.floor((body.length - start) / 2)), () => res.destroy());
      return;
    }
    res.end(body.subarray(start));
  }
}

describe('ModelPuller against a local hub', () => {
  const model = makeTinyModelDir('tiny-clip');
  const hub = new FakeHub(model.dir);
  let dest: string;

  beforeAll(() => hub.start());
  afterAll(async () => {
    await hub.stop();
    model.cleanup();
  });
  beforeEach(() => {
    dest = join(mkdtempSync(join(tmpdir(), 'pull-')), 'tiny-clip');
    hub.hits = [];
  });
  afterEach(() => rmSync(join(dest, '..'), { recursive: true, force: true }));

  const puller = (onProgress?: (p: PullProgress) => void) =>
    new ModelPuller({ endpoint: hub.endpoint, retries: 3, retryDelayMs: 10, onProgress });

  it('downloads the whole Transformers.js layout, byte-identical, and the folder loads', async () => {
    const events: PullProgress[] = [];
    const files = await puller((p) => events.push(p)).pull('acme/tiny-clip', { dtype: 'fp32', revision: 'main', dest });
    expect(files.map((f) => f.path)).toEqual(modelFiles('fp32').map((f) => join(dest, f)));
    for (const f of modelFiles('fp32')) expect(sameBytes(join(dest, f), join(model.dir, f))).toBe(true);
    expect(files.find((f) => f.path.endsWith('vision_model.onnx'))!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(files.find((f) => f.path.endsWith('config.json'))!.sha256).toBeUndefined(); // git sha1 etag: not verifiable
    expect(readdirSync(join(dest, 'onnx')).some((f) => f.endsWith('.part'))).toBe(false);
    expect(events.filter((e) => e.done)).toHaveLength(6);
    expect((await loadModelFolder(dest, 'fp32')).projectionDim).toBe(8);
  });

  it('resumes a dropped download with a Range request and verifies the result', async () => {
    hub.dropOnce.add('tokenizer.json');
    const size = statSync(join(model.dir, 'tokenizer.json')).size;
    await puller().pull('acme/tiny-clip', { dtype: 'fp32', revision: 'main', dest });
    const gets = hub.hits.filter((h) => h.method === 'GET' && h.url === '/cdn/tokenizer.json');
    expect(gets).toHaveLength(2);
    expect(gets[0].range).toBeUndefined();
    // The second request asks for the rest of what the cut connection delivered.
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(gets[1].range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(Math.floor(size / 2));
    expect(sameBytes(join(dest, 'tokenizer.json'), join(model.dir, 'tokenizer.json'))).toBe(true);
  });

  it('restarts from zero when the server ignores Range', async () => {
    hub.dropOnce.add('onnx/vision_model.onnx');
    hub.ignoreRange = true;
    try {
      await puller().pull('acme/tiny-clip', { dtype: 'fp32', revision: 'main', dest });
    } finally {
      hub.ignoreRange = false;
    }
    expect(sameBytes(join(dest, 'onnx/vision_model.onnx'), join(model.dir, 'onnx/vision_model.onnx'))).toBe(true);
  });

  it('fails on a sha256 mismatch and keeps neither the file nor the .part', async () => {
    hub.badSha.add('onnx/text_model.onnx');
    try {
      const err = await puller()
        .pull('acme/tiny-clip', { dtype: 'fp32', revision: 'main', dest })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChecksumError);
      expect((err as Error).message).toMatch(/onnx\/text_model\.onnx: sha256 mismatch/);
    } finally {
      hub.badSha.delete('onnx/text_model.onnx');
    }
    expect(existsSync(join(dest, 'onnx/text_model.onnx'))).toBe(false);
    expect(existsSync(join(dest, 'onnx/text_model.onnx.part'))).toBe(false);
  });

  it('skips files already present and verified', async () => {
    await puller().pull('acme/tiny-clip', { dtype: 'fp32', revision: 'main', dest });
    hub.hits = [];
    const again = await puller().pull('acme/tiny-clip', { dtype: 'fp32', revision: 'main', dest });
    expect(again.every((f) => f.skipped)).toBe(true);
    expect(hub.hits.every((h) => h.method === 'HEAD')).toBe(true);
  });

  it('names the missing file when the dtype variant does not exist', async () => {
    const err = await puller()
      .pull('acme/tiny-clip', { dtype: 'q8', revision: 'main', dest })
      .catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/onnx\/vision_model_quantized\.onnx: not found/);
  });

  it('sends HF_TOKEN to the hub, never to a redirect target on another origin', async () => {
    const cdn = new FakeHub(model.dir);
    await cdn.start();
    hub.cdn = cdn.endpoint; // same host, another port: another origin
    try {
      await new ModelPuller({ endpoint: hub.endpoint, token: 'hf_s3cret', retries: 1 }).pull('acme/tiny-clip', { dtype: 'fp32', revision: 'main', dest });
    } finally {
      hub.cdn = '';
      await cdn.stop();
    }
    expect(hub.hits.length).toBeGreaterThan(0);
    expect(hub.hits.every((h) => h.authorization === 'Bearer hf_s3cret')).toBe(true);
    // The LFS files came from the CDN, and not one request there carried the token.
    expect(cdn.hits.filter((h) => h.method === 'GET').map((h) => h.url).sort()).toEqual(['/cdn/onnx/text_model.onnx', '/cdn/onnx/vision_model.onnx', '/cdn/tokenizer.json']);
    expect(cdn.hits.map((h) => h.authorization)).toEqual(cdn.hits.map(() => undefined));
    expect(sameBytes(join(dest, 'onnx/vision_model.onnx'), join(model.dir, 'onnx/vision_model.onnx'))).toBe(true);
  });

  it('`pull local/.. --dest X/sub` is refused and writes nothing, not even X/sub', async () => {
    const outer = join(dest, '..');
    const stderr: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (stderr.push(String(s)), true));
    let code: number;
    try {
      code = await modelCli(['pull', 'local/..', '--dest', join(outer, 'sub'), '--endpoint', hub.endpoint], {});
    } finally {
      spy.mockRestore();
    }
    expect(code).toBe(2);
    expect(stderr.join('')).toMatch(/invalid repo id "local\/\.\."/);
    expect(readdirSync(outer)).toEqual([]);
    expect(hub.hits).toEqual([]);
  });

  it('builds hub URLs with an encoded revision', () => {
    const p = new ModelPuller({ endpoint: 'https://hub.example/' });
    expect(p.fileUrl('Xenova/clip-vit-base-patch32', 'refs/pr/1', 'onnx/text_model_quantized.onnx')).toBe(
      'https://hub.example/Xenova/clip-vit-base-patch32/resolve/refs%2Fpr%2F1/onnx/text_model_quantized.onnx',
    );
  });
});

describe('model CLI arguments', () => {
  it('has defaults and HF_ENDPOINT overrides the endpoint', () => {
    expect(parsePullArgs(['pull', 'Xenova/clip-vit-base-patch32'], {})).toEqual({
      repo: 'Xenova/clip-vit-base-patch32',
      dtype: 'fp32',
      revision: 'main',
      dest: 'models',
      endpoint: 'https://huggingface.co',
    });
    expect(parsePullArgs(['pull', 'a/b'], { HF_ENDPOINT: 'http://mirror' }).endpoint).toBe('http://mirror');
  });

  it('accepts --flag value and --flag=value, and an explicit --endpoint beats HF_ENDPOINT', () => {
    expect(
      parsePullArgs(['pull', 'a/b', '--dtype', 'q8', '--revision=v2', '--dest', 'x/', '--endpoint=http://e'], { HF_ENDPOINT: 'http://m' }),
    ).toEqual({ repo: 'a/b', dtype: 'q8', revision: 'v2', dest: 'x/', endpoint: 'http://e' });
  });

  it.each([[[]], [['fetch', 'a/b']], [['pull']], [['pull', 'a/b', '--colour', 'x']], [['pull', 'a/b', '--dtype']]])('rejects %j with usage', (argv) => {
    expect(() => parsePullArgs(argv, {})).toThrow(/usage: npm run model -- pull/);
  });
});

describe('repo ids and destinations', () => {
  it.each(['Xenova/clip-vit-base-patch32', 'openai/clip-vit-base-patch32', 'gpt2', 'a/b', 'A_b/c.d-e', '_x/y_'])('accepts %s', (id) => {
    expect(validateRepoId(id)).toBe(id);
  });

  it.each(['local/..', '..', '.', 'a/.', './a', 'a/../b', 'a/b/c', '/a', 'a/', 'a//b', 'a..b/c', 'a--b/c', '-a/b', 'a/b.', 'a b/c', 'a/b?c', 'a\\b', `a/${'x'.repeat(97)}`, ''])(
    'refuses %j',
    (id) => {
      expect(() => validateRepoId(id)).toThrow(/invalid repo id/);
      expect(() => parsePullArgs(['pull', id], {})).toThrow(/invalid repo id/);
    },
  );

  it('confines a name to its folder', () => {
    expect(confined('/m', 'clip')).toBe('/m/clip');
    expect(confined('/m/', 'onnx/text_model.onnx')).toBe('/m/onnx/text_model.onnx');
    for (const bad of ['..', '.', '', '../x', '/etc', 'a/../../b']) expect(() => confined('/m', bad)).toThrow(/outside \/m/);
  });
});

describe('ProgressBar', () => {
  it('renders percent and sizes', () => {
    const bar = new ProgressBar({ isTTY: false, write: () => true } as unknown as NodeJS.WriteStream, 10);
    const line = bar.render({ file: 'onnx/vision_model.onnx', received: 5 * 1024 * 1024, total: 10 * 1024 * 1024, done: false });
    expect(line).toMatch(/^onnx\/vision_model\.onnx {2}\[#####\.\.\.\.\.\] {2}50% {2}5\.0\/10\.0 MB/);
  });

  it('prints only finished lines when stderr is not a terminal', () => {
    const lines: string[] = [];
    const bar = new ProgressBar({ isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream);
    bar.update({ file: 'a', received: 1, total: 2, done: false });
    bar.update({ file: 'a', received: 2, total: 2, done: true });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/100%/);
  });
});
