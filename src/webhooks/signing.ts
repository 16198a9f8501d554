import { randomBytes } from 'crypto';
import { Webhook } from 'standardwebhooks';

/** A new endpoint secret in the Standard Webhooks format: "whsec_" + base64 of 32 random bytes. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The three Standard Webhooks headers for one attempt. With a rotation in progress the payload is
 * signed with every live secret (space-separated `v1,` signatures, as the specification allows), so
 * receivers holding either the old or the new secret verify it.
 */
export function signedHeaders(msgId: string, at: Date, payload: string, secrets: string[]): Record<string, string> {
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign(msgId, at, payload)).join(' '),
  };
}
