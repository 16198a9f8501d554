import { createHmac } from 'crypto';
import { Webhook } from 'standardwebhooks';
import { newSecret, signedHeaders } from './signing';

describe('webhook signing', () => {
  const payload = JSON.stringify({ type: 'moderation.completed', timestamp: '2026-01-01T00:00:00.000Z', data: { id: 'x' } });

  it('is verified by the standardwebhooks library and matches the specification by hand', () => {
    const secret = newSecret();
    const at = new Date();
    const h = signedHeaders('msg_1', at, payload, [secret]);
    expect(new Webhook(secret).verify(payload, h)).toEqual(JSON.parse(payload));
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`msg_1.${h['webhook-timestamp']}.${payload}`).digest('base64');
    expect(h['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('during a rotation, either secret verifies; a foreign secret or a changed body does not', () => {
    const [a, b] = [newSecret(), newSecret()];
    const h = signedHeaders('msg_2', new Date(), payload, [b, a]);
    expect(h['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(a).verify(payload, h)).not.toThrow();
    expect(() => new Webhook(b).verify(payload, h)).not.toThrow();
    expect(() => new Webhook(newSecret()).verify(payload, h)).toThrow();
    expect(() => new Webhook(a).verify(payload.replace('"x"', '"y"'), h)).toThrow();
  });
});
