import { loadConfig } from './configuration';
import { uiConfig } from './ui';

describe('UI_ENABLED / UI_PATH / UI_SESSION_TTL_SECONDS / UI_MAX_SESSIONS', () => {
  it('defaults to /ui, on, 8 hours', () => {
    expect(loadConfig({}, '/').ui).toEqual({ enabled: true, path: '/ui', sessionTtlSeconds: 28800, maxSessions: 10000 });
  });

  it('reads the settings', () => {
    expect(uiConfig({ UI_ENABLED: 'false', UI_PATH: '/admin/review', UI_SESSION_TTL_SECONDS: '600', UI_MAX_SESSIONS: '5' })).toEqual({ enabled: false, path: '/admin/review', sessionTtlSeconds: 600, maxSessions: 5 });
  });

  it.each([
    [{ UI_PATH: 'ui' }, /^UI_PATH must be a path like \/ui/],
    [{ UI_PATH: '/ui/' }, /^UI_PATH must be a path like \/ui/],
    [{ UI_PATH: '/u i' }, /^UI_PATH must be a path/],
    [{ UI_PATH: '/v1' }, /^UI_PATH must not be inside \/v1/],
    [{ UI_PATH: '/docs/ui' }, /^UI_PATH must not be inside \/docs/],
    [{ UI_ENABLED: 'sometimes' }, /^UI_ENABLED must be a boolean/],
    [{ UI_SESSION_TTL_SECONDS: '10' }, /^UI_SESSION_TTL_SECONDS must be an integer in \[60,/],
    [{ UI_MAX_SESSIONS: '0' }, /^UI_MAX_SESSIONS must be an integer/],
  ])('refuses %p', (env, message) => {
    expect(() => loadConfig(env, '/')).toThrow(message);
  });
});
