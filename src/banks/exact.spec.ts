import { rememberSha256 } from '../common/body-digest';
import { exactHashes } from './exact';

describe('exact hashes', () => {
  it('gives SHA-256 and MD5 of the bytes (standard test vectors)', () => {
    expect(exactHashes(Buffer.from('abc'))).toEqual({
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      md5: '900150983cd24fb0d6963f7d28e17f72',
    });
  });

  it('reuses the SHA-256 taken while the upload streamed in', () => {
    const body = Buffer.from('streamed body');
    rememberSha256(body, 'f'.repeat(64));
    expect(exactHashes(body).sha256).toBe('f'.repeat(64));
  });
});
