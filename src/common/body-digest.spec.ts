import { createHash } from 'crypto';
import { rememberSha256, sha256Of } from './body-digest';

describe('body digests', () => {
  it('returns the digest remembered for that very Buffer, and computes it for any other', () => {
    const a = Buffer.from('same bytes');
    const b = Buffer.from('same bytes');
    rememberSha256(a, 'f'.repeat(64));
    expect(sha256Of(a)).toBe('f'.repeat(64));
    expect(sha256Of(b)).toBe(createHash('sha256').update(b).digest('hex'));
  });
});
