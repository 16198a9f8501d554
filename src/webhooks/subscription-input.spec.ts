import { AppError } from '../common/app-error';
import { EVENT_TYPES } from '../outbox/events';
import { parseSubscription } from './subscription-input';

function refusal(body: unknown, mode: 'create' | 'patch'): AppError {
  try {
    parseSubscription(body, mode);
  } catch (e) {
    return e as AppError;
  }
  throw new Error(`accepted ${JSON.stringify(body)}`);
}

describe('webhook subscription bodies (create and patch judged alike)', () => {
  it.each([
    [{ enabled: 'yes' }, 'enabled'],
    [{ enabled: 'false' }, 'enabled'],
    [{ enabled: 1 }, 'enabled'],
    [{ enabled: null }, 'enabled'],
    [{ events: 'moderation.completed' }, 'events'],
    [{ events: [] }, 'events'],
    [{ events: ['nope'] }, 'events'],
    [{ description: 5 }, 'description'],
    [{ description: 'x'.repeat(501) }, 'description'],
    [{ url: 42 }, 'url'],
    [{ url: null }, 'url'],
    [{ secret: 'whsec_mine' }, 'secret'],
  ])('%j is refused with invalid_parameter naming %s, on create and on patch', (fields, field) => {
    for (const mode of ['create', 'patch'] as const) {
      const e = refusal({ url: 'http://example.com/hook', ...fields }, mode);
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe('invalid_parameter');
      expect(e.status).toBe(400);
      expect(e.details?.field).toBe(field);
      expect(e.message.startsWith(`${field}: `)).toBe(true);
    }
  });

  it('create requires a url and fills the defaults; patch changes only what it names', () => {
    expect(refusal({}, 'create').details?.field).toBe('url');
    expect(parseSubscription({ url: 'http://h/x' }, 'create')).toEqual({ url: 'http://h/x', events: [...EVENT_TYPES], description: null, enabled: true });
    expect(parseSubscription({ url: 'http://h/x', enabled: false, events: ['review.decided', 'review.decided'] }, 'create')).toMatchObject({ enabled: false, events: ['review.decided'] });
    expect(parseSubscription({ enabled: false }, 'patch')).toEqual({ enabled: false });
    expect(parseSubscription({ description: null }, 'patch')).toEqual({ description: null });
    expect(parseSubscription(undefined, 'patch')).toEqual({});
    expect(refusal([], 'patch').code).toBe('invalid_parameter');
    expect(refusal('text', 'create').code).toBe('invalid_parameter');
  });
});
