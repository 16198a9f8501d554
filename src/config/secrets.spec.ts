import { randomBytes } from 'crypto';
import { secretsConfig } from './secrets';

describe('SECRETS_KEY / SECRETS_KEY_PREVIOUS', () => {
  it('accepts 32 bytes in base64 or base64url, and is null when unset', () => {
    const k = randomBytes(32);
    expect(secretsConfig({}).key).toBeNull();
    expect(secretsConfig({ SECRETS_KEY: k.toString('base64') }).key).toEqual(k);
    expect(secretsConfig({ SECRETS_KEY: k.toString('base64url') }).key).toEqual(k);
    const prev = randomBytes(32);
    expect(secretsConfig({ SECRETS_KEY: k.toString('base64'), SECRETS_KEY_PREVIOUS: prev.toString('base64') }).previousKeys).toEqual([prev]);
  });

  it('refuses a wrong length or non-base64, naming the variable and never echoing the value', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => secretsConfig({ SECRETS_KEY: short })).toThrow(/^SECRETS_KEY must be 32 random bytes in base64.*decodes to 16 bytes/);
    expect(() => secretsConfig({ SECRETS_KEY: short })).not.toThrow(new RegExp(short.slice(0, 10)));
    expect(() => secretsConfig({ SECRETS_KEY: 'not a key!' })).toThrow(/SECRETS_KEY .*is not base64/);
    expect(() => secretsConfig({ SECRETS_KEY: randomBytes(32).toString('base64'), SECRETS_KEY_PREVIOUS: 'abc' })).toThrow(/SECRETS_KEY_PREVIOUS \(entry 1\)/);
  });
});
