import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { image } from './helpers/app';
import { buildService, ServiceProcess } from './support/service-process';
import { waitFor } from './support/wait';

/**
 * Issue 14, items 1, 3 (timeouts) and 6, against the real service process (src/main.ts): safe
 * defaults at start-up, refusals that say what to do, and HTTP timeouts that hold as documented.
 */
const ROOT = path.join(__dirname, '..');
const INGEST = 'ingest-key-0123456789abc';
/** Every instance gets its own data folder, never the repository's ./data. */
const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-security-'));

/** Starts the service expecting it to refuse: resolves with its exit code and output. */
function refusedStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [buildService()], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', LOG_LEVEL: 'warn', POLICIES_WATCH: 'false', CLIP_INTRA_OP_THREADS: '1', DATA_DIR: dataDir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

/** An address of this machine that others can reach, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

describe('security: safe defaults at start-up (item 1) and API_KEYS checks (item 6)', () => {
  it('without API_KEYS it listens on loopback only, moderates there, and ends start-up with the warning', async () => {
    const svc = await ServiceProcess.start('open', { DATA_DIR: dataDir(), HOST: '', API_KEYS: '', LOG_LEVEL: 'log' });
    try {
      expect(svc.log).toMatch(/listening on http:\/\/127\.0\.0\.1:/);
      const external = externalAddress();
      if (external) expect(await connects(external, svc.port)).toBe(false);
      const res = await fetch(`${svc.url}/v1/moderations`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: image('twemoji-dog-face.png') });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { decision?: string }).decision).toBeDefined();
      // The warning comes after the ~100 lines of start-up logging, not lost among them.
      const lines = svc.log.trim().split('\n');
      const listening = lines.findIndex((l) => /listening on/.test(l));
      const warning = lines.findIndex((l) => /AUTHENTICATION IS OFF/.test(l));
      expect(warning).toBeGreaterThan(listening);
      expect(svc.log).toMatch(/To turn it on, create keys with API_KEYS=/);
    } finally {
      await svc.kill();
    }
  });

  it('without API_KEYS it refuses a non-loopback HOST, saying how to create keys', async () => {
    const { code, output } = await refusedStart({ HOST: '0.0.0.0', API_KEYS: '' });
    expect(code).toBe(2);
    expect(output).toMatch(/HOST=0\.0\.0\.0 is not a loopback address/);
    expect(output).toMatch(/API_KEYS="name:secret:role1\|role2/);
    expect(output).toMatch(/AUTH_DISABLED_ALLOW_REMOTE=true/);
  });

  it('AUTH_DISABLED_ALLOW_REMOTE=true serves without keys on every interface, and says so', async () => {
    const svc = await ServiceProcess.start('open-remote', { DATA_DIR: dataDir(), HOST: '0.0.0.0', API_KEYS: '', AUTH_DISABLED_ALLOW_REMOTE: 'true' });
    try {
      expect(svc.log).toMatch(/AUTHENTICATION IS OFF.*FROM THE NETWORK/);
    } finally {
      await svc.kill();
    }
  });

  it('refuses a secret used by two API_KEYS entries, naming the entry (the first match would win)', async () => {
    const { code, output } = await refusedStart({ HOST: '127.0.0.1', API_KEYS: `a:${INGEST}:admin,b:${INGEST}:ingest` });
    expect(code).toBe(2);
    expect(output).toMatch(/API_KEYS entry 2 \("b"\) reuses a secret of entry 1 \("a"\)/);
    expect(output).not.toContain(INGEST);
  });

  it('refuses a name used by two entries, and accepts several secrets in one entry (rotation)', async () => {
    const dup = await refusedStart({ HOST: '127.0.0.1', API_KEYS: `a:${INGEST}:ingest,a:${INGEST}x:ingest` });
    expect(dup.code).toBe(2);
    expect(dup.output).toMatch(/API_KEYS entry 2: the name "a" is already used by entry 1/);
    const svc = await ServiceProcess.start('rotation', { DATA_DIR: dataDir(), API_KEYS: `a:old-secret-0123456789|new-secret-0123456789:moderator` });
    try {
      for (const key of ['old-secret-0123456789', 'new-secret-0123456789']) {
        expect((await fetch(`${svc.url}/v1/reviews`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      }
      expect((await fetch(`${svc.url}/v1/reviews`, { headers: { authorization: 'Bearer another-secret-0123456789' } })).status).toBe(401);
    } finally {
      await svc.kill();
    }
  });
});

describe('security: request and header timeouts hold as configured (item 3, slow clients)', () => {
  let svc: ServiceProcess;
  beforeAll(async () => {
    svc = await ServiceProcess.start('timeouts', { DATA_DIR: dataDir(), API_KEYS: `probe:${INGEST}:ingest`, REQUEST_TIMEOUT_MS: '1500', HEADERS_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => svc?.kill());

  /** The JSON body of a raw HTTP answer, which must say it is JSON. */
  function errorBody(reply: string): { code: string } {
    const [head, body] = reply.split('\r\n\r\n');
    expect(head).toMatch(/\r\nContent-Type: application\/json/i);
    return JSON.parse(body);
  }

  /** Opens a raw connection, writes `head`, and resolves with the time until the server ends it and what it said. */
  function stall(head: string): Promise<{ ms: number; reply: string }> {
    return new Promise((resolve, reject) => {
      const t0 = performance.now();
      const s = net.connect({ host: '127.0.0.1', port: svc.port }, () => s.write(head));
      let reply = '';
      s.on('data', (d) => (reply += d));
      s.once('close', () => resolve({ ms: performance.now() - t0, reply }));
      s.once('error', reject);
      setTimeout(() => (s.destroy(), reject(new Error('the server kept a stalled connection open for 20 s'))), 20_000).unref();
    });
  }

  it('an authenticated upload that stalls mid-body is cut off at REQUEST_TIMEOUT_MS, and frees its slot', async () => {
    const r = await stall(`POST /v1/moderations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${INGEST}\r\nContent-Type: image/png\r\nContent-Length: 100000\r\n\r\n0123456789`);
    expect(r.ms).toBeGreaterThanOrEqual(1400);
    expect(r.ms).toBeLessThan(4000);
    expect(r.reply).toMatch(/^HTTP\/1\.1 408/);
    expect(errorBody(r.reply)).toEqual({ code: 'request_timeout', message: expect.any(String), requestId: expect.any(String) });
    await waitFor('the slot to be released', async () => /^http_requests_in_flight 0$/m.test(await (await fetch(`${svc.url}/metrics`)).text()));
  });

  it('a client that trickles its headers is cut off at HEADERS_TIMEOUT_MS', async () => {
    const r = await stall('POST /v1/moderations HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expect(r.ms).toBeGreaterThanOrEqual(900);
    expect(r.ms).toBeLessThan(3000);
    expect(r.reply).toMatch(/^HTTP\/1\.1 408/);
    expect(errorBody(r.reply).code).toBe('request_timeout');
  });

  it('answers what Node refuses before routing (malformed HTTP, headers over the limit) in the error shape', async () => {
    const malformed = await stall('GARBAGE\r\n\r\n');
    expect(malformed.reply).toMatch(/^HTTP\/1\.1 400/);
    expect(errorBody(malformed.reply).code).toBe('bad_request');
    const big = await stall(`GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(32 * 1024)}\r\n\r\n`);
    expect(big.reply).toMatch(/^HTTP\/1\.1 431/);
    expect(errorBody(big.reply).code).toBe('headers_too_large');
  });
});
