import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { image } from './helpers/app';
import { ServiceProcess, startToExit } from './support/service-process';
import { waitFor } from './support/wait';

/**
 * Issue 16, structured logs, against the real process (src/main.ts) with stdout a pipe, as under a
 * supervisor or a container runtime: JSON lines, a short start-up, one access line per request, no
 * key material anywhere.
 */
const KEY = 'logging-secret-key-0123456789abcdef';
const WRONG = 'not-a-configured-key-0123456789';
const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-logging-'));

type Line = Record<string, unknown> & { level: string; msg: string };
const parse = (stdout: string): Line[] =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);

describe('structured logs (real process, stdout not a terminal)', () => {
  let svc: ServiceProcess;
  beforeAll(async () => {
    svc = await ServiceProcess.start('logging', { DATA_DIR: dataDir(), API_KEYS: `ops:${KEY}:admin`, LOG_LEVEL: 'log' });
  });
  afterAll(async () => svc?.kill());

  it('writes one JSON object per stdout line, without colour codes, and starts up in at most 10 lines', async () => {
    await waitFor('the listening line', () => /listening on/.test(svc.stdout));
    expect(svc.stdout).not.toContain('\u001b[');
    const lines = parse(svc.stdout); // throws on a line that is not JSON
    const listening = lines.findIndex((l) => /^listening on http:\/\/127\.0\.0\.1:/.test(l.msg));
    expect(listening).toBeGreaterThanOrEqual(0);
    expect(listening + 1).toBeLessThanOrEqual(10);
    for (const l of lines) expect(typeof l.time).toBe('string');
    expect(lines[listening]).toMatchObject({ level: 'info', context: 'Main' });
    // Route mappings and module initialisation are debug lines, not shown at LOG_LEVEL=log.
    expect(svc.stdout).not.toMatch(/Mapped \{|dependencies initialized|RoutesResolver/);
  });

  it('logs one access line per request: method, route pattern, status, duration, request id, key name, decision', async () => {
    const res = await fetch(`${svc.url}/v1/moderations?blur=none`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'image/png', 'x-request-id': 'log-test-1', cookie: 'session=cookie-secret-value' },
      body: image('twemoji-dog-face.png'),
    });
    expect(res.status).toBe(200);
    const decision = ((await res.json()) as { decision: string }).decision;
    const access = await waitFor('the access line', () => parse(svc.stdout).find((l) => l.request_id === 'log-test-1'));
    expect(access).toMatchObject({ level: 'info', method: 'POST', route: '/v1/moderations', path: '/v1/moderations', status: 200, key_name: 'ops', decision });
    expect(typeof access.duration_ms).toBe('number');
    expect(parse(svc.stdout).filter((l) => l.request_id === 'log-test-1')).toHaveLength(1);

    // A route with a parameter: the pattern, not the URL; X-API-Key works as well; no decision there.
    const review = await fetch(`${svc.url}/v1/reviews/does-not-exist`, { headers: { 'x-api-key': KEY } });
    const id = review.headers.get('x-request-id')!;
    const line = await waitFor('the second access line', () => parse(svc.stdout).find((l) => l.request_id === id));
    expect(line).toMatchObject({ method: 'GET', route: '/v1/reviews/:id', path: '/v1/reviews/does-not-exist', status: review.status, key_name: 'ops' });
    expect(line).not.toHaveProperty('decision');
  });

  it('logs refused callers without a key name, and never writes a key, a cookie or a header', async () => {
    const res = await fetch(`${svc.url}/v1/reviews`, { headers: { authorization: `Bearer ${WRONG}`, 'x-request-id': 'log-test-401' } });
    expect(res.status).toBe(401);
    const line = await waitFor('the 401 access line', () => parse(svc.stdout).find((l) => l.request_id === 'log-test-401'));
    expect(line).toMatchObject({ status: 401, route: '/v1/reviews' });
    expect(line).not.toHaveProperty('key_name');
    for (const secret of [KEY, WRONG, 'cookie-secret-value']) expect(svc.log).not.toContain(secret);
    expect(svc.stdout).not.toMatch(/authorization|x-api-key|"cookie"/i);
  });
});

describe('log format and level settings (real process)', () => {
  it('a failure while the modules are created is a JSON error line too, without the database password', async () => {
    const { code, output } = await startToExit({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://clipguard:pg-password-secret@127.0.0.1:1/clipguard', LOG_LEVEL: 'log' });
    expect(code).not.toBe(0);
    expect(output).not.toContain('\u001b[');
    expect(output).not.toContain('pg-password-secret');
    const lines = output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Line);
    expect(lines.find((l) => l.level === 'error')).toMatchObject({ context: 'ExceptionHandler', err: { message: expect.stringMatching(/database migration failed/) } });
    expect(output).not.toMatch(/dependencies initialized/);
  });

  it('LOG_LEVEL=debug shows the route mappings as debug lines', async () => {
    const svc = await ServiceProcess.start('logging-debug', { DATA_DIR: dataDir(), API_KEYS: `ops:${KEY}:admin`, LOG_LEVEL: 'debug' });
    try {
      await waitFor('the listening line', () => /listening on/.test(svc.stdout));
      const mapped = parse(svc.stdout).filter((l) => /^Mapped \{/.test(l.msg));
      expect(mapped.length).toBeGreaterThan(20);
      for (const l of mapped) expect(l).toMatchObject({ level: 'debug', context: 'RouterExplorer' });
    } finally {
      await svc.kill();
    }
  });

  it('LOG_FORMAT=pretty writes readable lines, still without colour codes when stdout is not a terminal', async () => {
    const svc = await ServiceProcess.start('logging-pretty', { DATA_DIR: dataDir(), API_KEYS: `ops:${KEY}:admin`, LOG_LEVEL: 'log', LOG_FORMAT: 'pretty' });
    try {
      await waitFor('the listening line', () => /listening on/.test(svc.stdout));
      expect(svc.stdout).toMatch(/INFO.*\(Main\)|INFO.*listening on/);
      expect(svc.stdout).not.toContain('\u001b[');
      expect(svc.stdout.split('\n')[0].startsWith('{')).toBe(false);
    } finally {
      await svc.kill();
    }
  });
});
