import { loadConfig } from './configuration';
import { isLoopback } from './http';

const S1 = 'secret-one-0123456789';
const S2 = 'secret-two-0123456789';

describe('HTTP and auth configuration', () => {
  it('without keys binds loopback only and makes the docs public', () => {
    const c = loadConfig({}, '/');
    expect(c.http.host).toBe('127.0.0.1');
    expect(c.http.docs).toBe('public');
    expect(c.http.metrics).toBe('public');
  });

  it('with keys listens on every interface and puts the docs behind a key', () => {
    const c = loadConfig({ API_KEYS: `a:${S1}:admin` }, '/');
    expect(c.http.host).toBe('0.0.0.0');
    expect(c.http.docs).toBe('key');
  });

  it('refuses a non-loopback address without keys, saying how to create them', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' }, '/')).toThrow(/HOST=0\.0\.0\.0 is not a loopback address.*API_KEYS="name:secret.*openssl rand.*AUTH_DISABLED_ALLOW_REMOTE=true/);
    expect(loadConfig({ HOST: '0.0.0.0', AUTH_DISABLED_ALLOW_REMOTE: 'true' }, '/').http.host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::1' }, '/').http.host).toBe('::1');
  });

  it.each([
    [`a:${S1}:admin,b:${S1}:ingest`, /entry 2 \("b"\) reuses a secret of entry 1 \("a"\)/],
    [`a:${S1}:admin,a:${S2}:ingest`, /entry 2: the name "a" is already used by entry 1/],
    [`a:${S1}|${S1}:admin`, /entry 1 \("a"\) reuses a secret of entry 1/],
    [`a:${S1}|short:admin`, /entry 1 \("a"\) must be name:secret/],
    [`a:${S1}:admin:extra`, /entry 1 \("a"\) must be name:secret/],
    [`a:${S1}:root`, /entry 1 \("a"\): unknown role\(s\) root/],
  ])('refuses API_KEYS=%s naming the entry', (keys, msg) => {
    expect(() => loadConfig({ API_KEYS: keys }, '/')).toThrow(msg);
  });

  it('accepts several secrets per name, for rotation', () => {
    const c = loadConfig({ API_KEYS: `a:${S1}|${S2}:moderator|ingest` }, '/');
    expect(c.auth.keys).toEqual([
      { name: 'a', key: S1, roles: ['moderator', 'ingest'] },
      { name: 'a', key: S2, roles: ['moderator', 'ingest'] },
    ]);
  });

  it('validates timeouts and surface settings', () => {
    expect(loadConfig({}, '/').http).toMatchObject({ requestTimeoutMs: 30000, headersTimeoutMs: 10000, jsonMaxBytes: 1024 * 1024, maxInFlightPerKey: 64 });
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '40000' }, '/')).toThrow(/HEADERS_TIMEOUT_MS \(40000\) must not exceed REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ DOCS_ACCESS: 'open' }, '/')).toThrow(/DOCS_ACCESS must be one of public, key, off/);
    expect(() => loadConfig({ METRICS_ACCESS: 'none' }, '/')).toThrow(/METRICS_ACCESS/);
    expect(() => loadConfig({ HTTP_MAX_IN_FLIGHT: '8', HTTP_MAX_IN_FLIGHT_PER_KEY: '9' }, '/')).toThrow(/HTTP_MAX_IN_FLIGHT_PER_KEY/);
    expect(() => loadConfig({ AUTH_DISABLED_ALLOW_REMOTE: 'sure' }, '/')).toThrow(/AUTH_DISABLED_ALLOW_REMOTE must be a boolean/);
  });

  it('knows the loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.1', 'example.com', '128.0.0.1']) expect(isLoopback(h)).toBe(false);
  });
});
