import { requestFingerprint, wantsAsync } from './request-options';

describe('wantsAsync', () => {
  it.each([
    [undefined, undefined, false],
    ['respond-async', undefined, true],
    ['wait=10, respond-async', undefined, true],
    ['respond-async; foo', undefined, true],
    ['respond-asyncx', undefined, false],
    [undefined, true, true],
    [undefined, false, false],
    ['respond-async', false, false],
  ])('Prefer %p, async %p -> %p', (prefer, raw, expected) => {
    expect(wantsAsync(prefer, raw)).toBe(expected);
  });
});

describe('requestFingerprint', () => {
  const params = { blur: 'none' as const };
  it('depends on the image bytes, the URL, the options and sync/async, not on the object identity', () => {
    const a = requestFingerprint('moderate', [{ data: Buffer.from('x'), params, async: false }]);
    expect(requestFingerprint('moderate', [{ data: Buffer.from('x'), params: { blur: 'none' }, async: false }])).toBe(a);
    expect(requestFingerprint('moderate', [{ data: Buffer.from('y'), params, async: false }])).not.toBe(a);
    expect(requestFingerprint('moderate', [{ data: Buffer.from('x'), params, async: true }])).not.toBe(a);
    expect(requestFingerprint('moderate', [{ data: Buffer.from('x'), params: { blur: 'inline' }, async: false }])).not.toBe(a);
    expect(requestFingerprint('batch', [{ data: Buffer.from('x'), params, async: false }])).not.toBe(a);
    expect(requestFingerprint('moderate', [{ url: 'http://a/x', params, async: false }])).not.toBe(requestFingerprint('moderate', [{ url: 'http://a/y', params, async: false }]));
  });
});
