import { ConfigError, Env, list } from './env';

/** Encryption of secrets at rest (webhook signing secrets; src/common/secret-box.ts). */
export interface SecretsConfig {
  /** SECRETS_KEY: 32 bytes; null means the key file DATA_DIR/secrets.key (created on first start). */
  key: Buffer | null;
  /** SECRETS_KEY_PREVIOUS: keys still accepted for decryption during a rotation (re-encrypted at start). */
  previousKeys: Buffer[];
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** 32 bytes in base64 (standard or URL-safe). The message never repeats the value: it is a secret. */
export function secretKey(name: string, raw: string): Buffer {
  const bytes = BASE64.test(raw) ? Buffer.from(raw, raw.includes('-') || raw.includes('_') ? 'base64url' : 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32) {
    throw new ConfigError(`${name} must be 32 random bytes in base64 (create one with: openssl rand -base64 32); the value given ${bytes.length ? `decodes to ${bytes.length} bytes` : 'is not base64'}`);
  }
  return bytes;
}

export function secretsConfig(env: Env): SecretsConfig {
  const raw = env.SECRETS_KEY?.trim();
  return {
    key: raw ? secretKey('SECRETS_KEY', raw) : null,
    previousKeys: list(env, 'SECRETS_KEY_PREVIOUS', []).map((k, i) => secretKey(`SECRETS_KEY_PREVIOUS (entry ${i + 1})`, k)),
  };
}
