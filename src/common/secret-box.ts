import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const PREFIX = 'sb1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

export class SecretBoxError extends Error {}

/** Names a key without revealing it, so a sealed value says which key opens it. */
function keyId(key: Buffer): string {
  return createHash('sha256').update('clipguard secret-box key id\0').update(key).digest('hex').slice(0, 12);
}

/**
 * Secrets at rest: AES-256-GCM with a fresh 96-bit nonce per value. A sealed value reads
 * `sb1.<key id>.<nonce>.<tag>.<ciphertext>` (base64url parts). The caller's `context` (say, the
 * webhook id) is authenticated data: a sealed value copied onto another row does not open there.
 * Previous keys open old values during a rotation; `needsReseal` tells which values to re-encrypt.
 */
export class SecretBox {
  private readonly currentId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Buffer, previous: Buffer[] = []) {
    if (current.length !== 32 || previous.some((k) => k.length !== 32)) throw new SecretBoxError('secret-box keys are 32 bytes');
    this.currentId = keyId(current);
    for (const k of previous) this.keys.set(keyId(k), k);
    this.keys.set(this.currentId, current);
  }

  /**
   * The key from the environment, or else the key file, created (0600, atomically, so instances
   * starting together agree on one key) when it does not exist yet.
   */
  static load(opts: { key: Buffer | null; previousKeys: Buffer[]; keyFile: string }): { box: SecretBox; source: 'environment' | 'file' | 'new file' } {
    if (opts.key) return { box: new SecretBox(opts.key, opts.previousKeys), source: 'environment' };
    let source: 'file' | 'new file' = 'file';
    if (!fs.existsSync(opts.keyFile)) {
      fs.mkdirSync(path.dirname(opts.keyFile), { recursive: true });
      const tmp = `${opts.keyFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
      fs.writeFileSync(tmp, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      try {
        fs.linkSync(tmp, opts.keyFile);
        source = 'new file';
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      } finally {
        fs.unlinkSync(tmp);
      }
    }
    const mode = fs.statSync(opts.keyFile).mode & 0o777;
    if (mode & 0o077) throw new SecretBoxError(`${opts.keyFile} is readable by other users (mode ${mode.toString(8)}): chmod 600 it`);
    const key = Buffer.from(fs.readFileSync(opts.keyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new SecretBoxError(`${opts.keyFile} must hold 32 bytes in base64 (it holds ${key.length})`);
    return { box: new SecretBox(key, opts.previousKeys), source };
  }

  static isSealed(value: string): boolean {
    return value.startsWith(`${PREFIX}.`);
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(this.currentId)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [PREFIX, this.currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  open(sealed: string, context: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== PREFIX) throw new SecretBoxError('not a sealed value');
    const key = this.keys.get(parts[1]);
    if (!key) throw new SecretBoxError(`sealed with key ${parts[1]}, which is neither the current key nor a previous one`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(parts[2], 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(parts[3], 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(parts[4], 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('the sealed value does not authenticate (altered, or sealed for another context)');
    }
  }

  /** Plain text, or sealed with a key other than the current one. */
  needsReseal(value: string): boolean {
    return !SecretBox.isSealed(value) || value.split('.')[1] !== this.currentId;
  }
}
