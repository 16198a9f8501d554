import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SecretBox, SecretBoxError } from './secret-box';

const key = () => randomBytes(32);

describe('SecretBox', () => {
  it('seals to a value that holds no trace of the plain text and opens it again', () => {
    const box = new SecretBox(key());
    const plain = `whsec_${randomBytes(32).toString('base64')}`;
    const sealed = box.seal(plain, 'webhook:a');
    expect(SecretBox.isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain(plain.slice(6, 20));
    expect(box.seal(plain, 'webhook:a')).not.toBe(sealed); // a fresh nonce every time
    expect(box.open(sealed, 'webhook:a')).toBe(plain);
    expect(box.needsReseal(sealed)).toBe(false);
    expect(box.needsReseal(plain)).toBe(true);
  });

  it('refuses a value moved to another context, altered, or sealed with an unknown key', () => {
    const box = new SecretBox(key());
    const sealed = box.seal('s3cret', 'webhook:a');
    expect(() => box.open(sealed, 'webhook:b')).toThrow(SecretBoxError);
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[4], 'base64url');
    ct[0] ^= 1;
    expect(() => box.open([...parts.slice(0, 4), ct.toString('base64url')].join('.'), 'webhook:a')).toThrow(/authenticate/);
    expect(() => new SecretBox(key()).open(sealed, 'webhook:a')).toThrow(/neither the current key nor a previous one/);
    expect(() => box.open('whsec_plain', 'webhook:a')).toThrow(SecretBoxError);
  });

  it('rotation: a previous key still opens old values, which then need re-sealing with the current key', () => {
    const [k1, k2] = [key(), key()];
    const old = new SecretBox(k1).seal('s3cret', 'webhook:a');
    const rotated = new SecretBox(k2, [k1]);
    expect(rotated.open(old, 'webhook:a')).toBe('s3cret');
    expect(rotated.needsReseal(old)).toBe(true);
    const resealed = rotated.seal(rotated.open(old, 'webhook:a'), 'webhook:a');
    expect(rotated.needsReseal(resealed)).toBe(false);
    expect(new SecretBox(k2).open(resealed, 'webhook:a')).toBe('s3cret');
    expect(() => new SecretBox(k1).open(resealed, 'webhook:a')).toThrow(SecretBoxError);
  });

  it('without a key from the environment, creates a 0600 key file once and reads the same key afterwards', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-box-'));
    try {
      const keyFile = path.join(dir, 'sub', 'secrets.key');
      const first = SecretBox.load({ key: null, previousKeys: [], keyFile });
      expect(first.source).toBe('new file');
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(fs.readdirSync(path.dirname(keyFile))).toEqual(['secrets.key']);
      const again = SecretBox.load({ key: null, previousKeys: [], keyFile });
      expect(again.source).toBe('file');
      expect(again.box.open(first.box.seal('x', 'c'), 'c')).toBe('x');
      fs.chmodSync(keyFile, 0o644);
      expect(() => SecretBox.load({ key: null, previousKeys: [], keyFile })).toThrow(/readable by other users/);
      const env = SecretBox.load({ key: key(), previousKeys: [], keyFile: path.join(dir, 'unused.key') });
      expect(env.source).toBe('environment');
      expect(fs.existsSync(path.join(dir, 'unused.key'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
