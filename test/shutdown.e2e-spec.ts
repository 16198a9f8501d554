import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import sharp from 'sharp';
import { image } from './helpers/app';

const ROOT = path.join(__dirname, '..');
const N = 10;

function get(port: number, p: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

function post(port: number, body: Buffer): Promise<{ status: number; body: any; error?: string }> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/v1/moderations', method: 'POST', agent: false, headers: { 'content-type': 'image/gif', 'content-length': body.length } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') }));
      res.on('error', (e) => resolve({ status: 0, body: null, error: e.message }));
    });
    req.on('error', (e) => resolve({ status: 0, body: null, error: e.message }));
    req.end(body);
  });
}

/** A request whose body stops half-way until finish(): it stays in flight for as long as the test wants. */
function postHeld(port: number, body: Buffer): { finish: () => void; response: Promise<{ status: number; body: any; error?: string }> } {
  let req!: http.ClientRequest;
  const response = new Promise<{ status: number; body: any; error?: string }>((resolve) => {
    req = http.request({ host: '127.0.0.1', port, path: '/v1/moderations', method: 'POST', agent: false, headers: { 'content-type': 'image/gif', 'content-length': body.length } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') }));
      res.on('error', (e) => resolve({ status: 0, body: null, error: e.message }));
    });
    req.on('error', (e) => resolve({ status: 0, body: null, error: e.message }));
    req.write(body.subarray(0, body.length >> 1));
  });
  return { finish: () => req.end(body.subarray(body.length >> 1)), response };
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });

describe('graceful shutdown of the real server process (SIGTERM)', () => {
  let child: ChildProcess;
  let port = 0;
  let out = '';
  let exit: Promise<number | null>;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-shutdown-'));

  beforeAll(async () => {
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        POLICIES_WATCH: 'false',
        SHUTDOWN_GRACE_MS: '60000',
        MEDIA_SAMPLED_FRAMES: '64',
        CLIP_MAX_BATCH: '4',
        CLIP_MAX_QUEUE: '100000',
        API_KEYS: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const onData = (d: Buffer) => (out += d.toString());
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    port = await new Promise<number>((resolve, reject) => {
      const check = () => {
        const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
    });
  }, 120000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops accepting, answers every request already accepted, and exits 0', async () => {
    const names = ['twemoji-dog-face.png', 'twemoji-pistol.png', 'twemoji-beer.png', 'twemoji-skull.png'];
    const anim = await sharp(Array.from({ length: 64 }, (_, i) => image(names[i % 4])), { join: { animated: true } }).gif().toBuffer();
    let answered = 0;
    const responses = Array.from({ length: N }, () => post(port, anim).finally(() => answered++));
    // One upload is held half-sent: whatever the machine's speed, a request is still in flight when
    // the listener closes (the others may all finish while SIGTERM is handled on a slow machine).
    const held = postHeld(port, anim);
    held.response.finally(() => answered++);
    responses.push(held.response);
    // Accepted: the server itself counts all N in flight (metrics), not merely sent by us.
    const end = performance.now() + 60000;
    for (;;) {
      const m = /^http_requests_in_flight (\d+)$/m.exec((await get(port, '/metrics')).body);
      if (m && Number(m[1]) === N + 1) break;
      if (answered > 0 || performance.now() > end) throw new Error(`requests finished before all ${N} were in flight: raise the work per request`);
    }
    child.kill('SIGTERM');
    // New connections are refused while the accepted requests are still being worked on.
    while (!(await refused(port))) await new Promise((r) => setImmediate(r));
    const pendingWhenRefused = N + 1 - answered;
    held.finish();
    const results = await Promise.all(responses);
    const code = await exit;
    expect(pendingWhenRefused).toBeGreaterThan(0);
    expect(results.map((r) => r.status)).toEqual(Array(N + 1).fill(200));
    for (const r of results) expect(r.body.image.frames_scored).toBe(64);
    expect(code).toBe(0);
    expect(out).toMatch(/SIGTERM: draining; [1-9]\d* image request\(s\) in flight/);
    expect(out).toMatch(/stopped in \d+ ms \(drained\)/);
  }, 120000);
});
