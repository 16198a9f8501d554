import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { ResolvedAddress } from '../src/fetch/resolver';
import { image } from './helpers/app';
import { createTestDatabase, TestDatabase } from './support/databases';
import { ImageServer } from './support/image-server';
import { bootIntegrationApp } from './support/integration-app';
import { bearer } from './support/review-app';
import { waitFor } from './support/wait';

const DOG = image('twemoji-dog-face.png');

/**
 * DNS for these tests: names resolve where the test says, and nothing reaches a real resolver. The
 * only server that exists is the image server on 127.0.0.1; every refused address below is refused
 * before any socket is opened (the origin's hit counter proves that nothing else arrived there).
 */
const ZONE: Record<string, ResolvedAddress[]> = {
  'public.example': [{ address: '127.0.0.1', family: 4 }],
  'internal.example': [{ address: '10.1.2.3', family: 4 }],
  'metadata.example': [{ address: '169.254.169.254', family: 4 }],
  'split.example': [
    { address: '127.0.0.1', family: 4 },
    { address: '192.168.0.10', family: 4 },
  ],
  localhost: [
    { address: '127.0.0.1', family: 4 },
    { address: '::1', family: 6 },
  ],
};
const resolver = {
  lookups: [] as string[],
  async resolve(host: string): Promise<ResolvedAddress[]> {
    this.lookups.push(host);
    const a = ZONE[host];
    if (!a) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return a;
  },
};

describe('URL intake (SSRF-safe)', () => {
  // Two services, two databases: each runs its own job worker.
  let db: TestDatabase;
  let db2: TestDatabase;
  let strict: INestApplication;
  let allowing: INestApplication;
  let origin: ImageServer;

  beforeAll(async () => {
    origin = await new ImageServer({
      '/dog.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(DOG),
      '/to-private': (res) => res.writeHead(302, { location: 'http://10.0.0.1/admin' }).end(),
      '/to-metadata': (res) => res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      '/to-internal-name': (res) => res.writeHead(301, { location: 'http://internal.example/x.png' }).end(),
      '/to-dog': (res) => res.writeHead(302, { location: '/dog.png' }).end(),
      '/to-credentials': (res) => res.writeHead(302, { location: `http://user:hunter2@public.example:${origin.port}/dog.png` }).end(),
      '/to-file': (res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
      '/to-nowhere': (res) => res.writeHead(302, { location: 'http://nowhere.example/x.png' }).end(),
      '/loop': (res) => res.writeHead(302, { location: '/loop' }).end(),
      '/big': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(64 * 1024)),
      '/big-chunked': (res) => {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.write(Buffer.alloc(40 * 1024));
        res.end(Buffer.alloc(40 * 1024));
      },
    }).start();
    db = await createTestDatabase('sqlite');
    db2 = await createTestDatabase('sqlite');
    const limits = { maxRedirects: 2, timeoutMs: 400, maxBytes: 32 * 1024 };
    strict = await bootIntegrationApp(db, { fetch: { ...limits, allowCidrs: [] } }, resolver);
    allowing = await bootIntegrationApp(db2, { fetch: { ...limits, allowCidrs: ['127.0.0.1/32'] } }, resolver);
  });
  afterAll(async () => {
    await strict?.close();
    await allowing?.close();
    await origin?.stop();
    await db?.drop();
    await db2?.drop();
  });

  const moderate = (app: INestApplication, url: string, extra: object = {}) =>
    request(app.getHttpServer()).post('/v1/moderations').set(bearer('ingest')).send({ url, policies: 'flagger', ...extra });

  it.each([
    ['loopback 127.0.0.1', () => origin.url('/dog.png'), 'loopback'],
    ['10.x', () => 'http://10.0.0.1/a.png', 'private'],
    ['cloud metadata 169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['[::1]', () => `http://[::1]:${origin.port}/dog.png`, 'loopback'],
    ['IPv4-mapped [::ffff:127.0.0.1]', () => `http://[::ffff:127.0.0.1]:${origin.port}/dog.png`, 'loopback'],
    ['decimal-encoded 2130706433 (127.0.0.1)', () => `http://2130706433:${origin.port}/dog.png`, 'loopback'],
    ['a hostname resolving to a private address', () => 'http://internal.example/a.png', 'private'],
    ['localhost', () => `http://localhost:${origin.port}/dog.png`, 'loopback'],
    // IPv6 forms that embed an IPv4 address are judged by it.
    ['IPv4-compatible [::127.0.0.1] (parsed as ::7f00:1)', () => `http://[::127.0.0.1]:${origin.port}/dog.png`, 'loopback'],
    ['NAT64 [64:ff9b::169.254.169.254]', () => 'http://[64:ff9b::169.254.169.254]/latest/meta-data/', 'linkLocal'],
    ['6to4 [2002:7f00:1::1]', () => `http://[2002:7f00:1::1]:${origin.port}/dog.png`, 'loopback'],
    ['Teredo with client 10.0.0.1 [2001:0:4136:e378:8000:63bf:f5ff:fffe]', () => 'http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/a.png', 'private'],
  ])('refuses %s before connecting', async (_name, url, range) => {
    const hits = origin.hits.length;
    const res = await moderate(strict, url()).expect(422);
    expect(res.body).toMatchObject({ code: 'url_not_allowed', details: { range } });
    expect(origin.hits.length).toBe(hits);
  });

  it('the allowlist admits exactly its CIDR; the connection goes to the address that was checked (pinned)', async () => {
    const ok = await moderate(allowing, origin.url('/dog.png', 'public.example')).expect(200);
    expect(ok.body).toMatchObject({ decision: 'flag', image: { format: 'png', bytes: DOG.length } });
    expect(resolver.lookups).toContain('public.example');
    // ::1 is loopback too, but not in the allowlist; a name with one private address among good ones is refused.
    expect((await moderate(allowing, `http://[::1]:${origin.port}/dog.png`).expect(422)).body.details.range).toBe('loopback');
    expect((await moderate(allowing, origin.url('/dog.png', 'split.example')).expect(422)).body.details).toMatchObject({ host: 'split.example', range: 'private' });
    expect((await moderate(allowing, origin.url('/to-dog', 'public.example')).expect(200)).body.decision).toBe('flag');
  });

  it.each([
    ['internal.example', '10.1.2.3', 'private'],
    ['split.example', '192.168.0.10', 'private'],
  ])('a refusal of %s names the range, never the address it resolved to', async (host, address, range) => {
    const res = await moderate(allowing, `http://${host}/a.png`).expect(422);
    expect(res.body).toMatchObject({ code: 'url_not_allowed', message: `${host} resolves to a ${range} address, which is not allowed`, details: { host, range } });
    expect(res.body.details).not.toHaveProperty('address');
    expect(JSON.stringify(res.body)).not.toContain(address);
  });

  it.each([
    ['a private address', '/to-private', 'private', 'http://10.0.0.1/admin'],
    ['the metadata address', '/to-metadata', 'linkLocal', 'http://169.254.169.254/latest/meta-data/'],
    ['a name that resolves privately', '/to-internal-name', 'private', 'http://internal.example/x.png'],
  ])('a public-looking URL redirecting to %s is refused at the hop, and the message names the hop', async (_n, path, range, hop) => {
    const before = origin.hits.length;
    const res = await moderate(allowing, origin.url(path, 'public.example')).expect(422);
    expect(res.body).toMatchObject({ code: 'url_not_allowed', details: { range, hop } });
    expect(res.body.message).toContain(`redirect to ${hop} refused`);
    expect(JSON.stringify(res.body)).not.toContain('10.1.2.3');
    expect(origin.hits.slice(before)).toEqual([path]);
  });

  it('a redirect to another scheme or to a URL with credentials is refused as url_not_allowed, the hop named without its credentials', async () => {
    const file = await moderate(allowing, origin.url('/to-file')).expect(422);
    expect(file.body).toMatchObject({ code: 'url_not_allowed', details: { hop: 'file:///etc/passwd' } });
    expect(file.body.message).toMatch(/^redirect to file:\/\/\/etc\/passwd refused: scheme file: is not allowed/);
    const creds = await moderate(allowing, origin.url('/to-credentials')).expect(422);
    const hop = origin.url('/dog.png', 'public.example');
    expect(creds.body).toMatchObject({ code: 'url_not_allowed', message: `redirect to ${hop} refused: URLs with credentials are not allowed`, details: { hop } });
    expect(JSON.stringify(creds.body)).not.toContain('hunter2');
    const dns = await moderate(allowing, origin.url('/to-nowhere')).expect(422);
    expect(dns.body).toMatchObject({ code: 'url_fetch_failed', message: 'redirect to http://nowhere.example/x.png failed: could not resolve nowhere.example', details: { reason: 'dns' } });
  });

  it('limits bytes, redirects and time; refuses odd schemes and credentials', async () => {
    expect((await moderate(allowing, origin.url('/big')).expect(413)).body.code).toBe('payload_too_large');
    expect((await moderate(allowing, origin.url('/big-chunked')).expect(413)).body.code).toBe('payload_too_large');
    expect((await moderate(allowing, origin.url('/loop')).expect(422)).body.details.reason).toBe('too_many_redirects');
    origin.hang.set('/dog.png', 1);
    const t0 = Date.now();
    expect((await moderate(allowing, origin.url('/dog.png')).expect(422)).body.details.reason).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(3000);
    expect((await moderate(allowing, 'file:///etc/passwd').expect(422)).body).toMatchObject({ code: 'url_not_allowed', details: { reason: 'scheme', scheme: 'file' } });
    expect((await moderate(allowing, 'gopher://127.0.0.1:70/').expect(422)).body).toMatchObject({ code: 'url_not_allowed', details: { reason: 'scheme', scheme: 'gopher' } });
    const creds = await moderate(allowing, `http://user:pw@127.0.0.1:${origin.port}/dog.png`).expect(422);
    expect(creds.body).toMatchObject({ code: 'url_not_allowed', details: { reason: 'credentials' } });
    // Async submissions are refused the same way, at once.
    expect((await moderate(allowing, 'ftp://127.0.0.1/a.png', { async: true }).expect(422)).body.code).toBe('url_not_allowed');
    expect((await moderate(allowing, 'not a url').expect(400)).body.code).toBe('invalid_parameter');
    expect((await moderate(allowing, 'http://nowhere.example/x').expect(422)).body.details.reason).toBe('dns');
  });

  it('async URL jobs: refused URLs fail the job with the same code; good ones succeed', async () => {
    const http = strict.getHttpServer();
    const bad = await moderate(strict, 'http://169.254.169.254/latest/meta-data/', { async: true }).expect(202);
    const failed = await waitFor('job failed', async () => {
      const j = (await request(http).get(`/v1/moderations/${bad.body.id}`).set(bearer('ingest'))).body;
      return j.status === 'failed' && j;
    });
    expect(failed.error).toMatchObject({ code: 'url_not_allowed', details: { range: 'linkLocal' } });
    expect(failed.attempts).toBe(1);
    const good = await moderate(allowing, origin.url('/dog.png'), { async: true }).expect(202);
    await waitFor('job ok', async () => (await request(allowing.getHttpServer()).get(`/v1/moderations/${good.body.id}`).set(bearer('ingest'))).body.status === 'succeeded');
  });
});
