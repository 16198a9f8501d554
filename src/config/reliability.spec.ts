import { failureModeFor, rateLimitFor, reliabilityConfig } from './reliability';

describe('reliability config', () => {
  it('defaults: 64 in flight, 15 s deadline, failure mode error, no rate limits', () => {
    const c = reliabilityConfig({});
    expect(c).toMatchObject({ maxInFlight: 64, deadlineMs: 15000 });
    expect(failureModeFor(c, 'anyone')).toBe('error');
    expect(rateLimitFor(c, 'anyone')).toBeNull();
  });
  it('parses per-key failure modes and rate limits with a * default', () => {
    const c = reliabilityConfig({ FAILURE_MODES: '*=block,partner=open', RATE_LIMITS: '*=5,batch=100:500,internal=off' });
    expect(failureModeFor(c, 'partner')).toBe('open');
    expect(failureModeFor(c, 'other')).toBe('block');
    expect(rateLimitFor(c, 'batch')).toEqual({ rate: 100, burst: 500 });
    expect(rateLimitFor(c, 'other')).toEqual({ rate: 5, burst: 10 });
    expect(rateLimitFor(c, 'internal')).toBeNull();
  });
  it.each([{ FAILURE_MODES: 'x=maybe' }, { FAILURE_MODES: 'noequals' }, { RATE_LIMITS: 'x=-1' }, { RATE_LIMITS: 'x=abc' }, { RATE_LIMITS: 'x=1:0' }, { HTTP_MAX_IN_FLIGHT: '0' }])('rejects %j naming the variable', (env) => {
    expect(() => reliabilityConfig(env)).toThrow(new RegExp(Object.keys(env)[0]));
  });
});
