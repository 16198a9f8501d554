import { loadConfig } from '../config/configuration';
import { Clock } from '../storage/clock';
import { cookieValue, Sessions } from './sessions';

const caller = (name: string) => ({ name, roles: ['moderator'] });
const req = (method: string, headers: Record<string, string>) => ({ method, header: (n: string) => headers[n.toLowerCase()] });

function store(env: Record<string, string> = {}) {
  const clock = new Clock();
  return { clock, sessions: new Sessions(loadConfig({ UI_SESSION_TTL_SECONDS: '60', ...env }, '/'), clock) };
}

describe('cookieValue', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['clipguard_session=abc', 'abc'],
    ['a=1; clipguard_session=abc; b=2', 'abc'],
    ['xclipguard_session=abc', undefined],
    ['clipguard_session_x=abc; clipguard_session=def', 'def'],
  ])('%p -> %p', (header, value) => {
    expect(cookieValue(header, 'clipguard_session')).toBe(value);
  });
});

describe('Sessions', () => {
  it('opens unguessable sessions that expire after the TTL', () => {
    const { clock, sessions } = store();
    const a = sessions.open(caller('a'));
    const b = sessions.open(caller('b'));
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessions.find(a.id)?.caller.name).toBe('a');
    clock.advance(59_000);
    expect(sessions.find(a.id)).toBeDefined();
    clock.advance(1_000);
    expect(sessions.find(a.id)).toBeUndefined();
  });

  it('keeps at most UI_MAX_SESSIONS, dropping the oldest', () => {
    const { sessions } = store({ UI_MAX_SESSIONS: '2' });
    const [a, b, c] = ['a', 'b', 'c'].map((n) => sessions.open(caller(n)));
    expect(sessions.find(a.id)).toBeUndefined();
    expect(sessions.find(b.id)?.caller.name).toBe('b');
    expect(sessions.find(c.id)?.caller.name).toBe('c');
  });

  it('authenticate: no cookie or a key header -> undefined; unknown cookie -> 401; writes need the CSRF token', () => {
    const { sessions } = store();
    const { id, session } = sessions.open(caller('a'));
    const cookie = `clipguard_session=${id}`;
    expect(sessions.authenticate(req('GET', {}))).toBeUndefined();
    expect(sessions.authenticate(req('POST', { cookie, authorization: 'Bearer k' }))).toBeUndefined();
    expect(sessions.authenticate(req('GET', { cookie }))?.name).toBe('a');
    expect(() => sessions.authenticate(req('GET', { cookie: 'clipguard_session=nope' }))).toThrow(expect.objectContaining({ code: 'unauthorized' }));
    expect(() => sessions.authenticate(req('POST', { cookie }))).toThrow(expect.objectContaining({ code: 'csrf_token_invalid' }));
    expect(() => sessions.authenticate(req('DELETE', { cookie, 'x-csrf-token': 'wrong' }))).toThrow(expect.objectContaining({ code: 'csrf_token_invalid' }));
    expect(sessions.authenticate(req('POST', { cookie, 'x-csrf-token': session.csrfToken }))?.name).toBe('a');
    sessions.close(id);
    expect(() => sessions.authenticate(req('GET', { cookie }))).toThrow(expect.objectContaining({ code: 'unauthorized' }));
  });
});
