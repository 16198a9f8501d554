import { ArgumentMetadata } from '@nestjs/common';
import { AppError } from '../../common/app-error';
import { createValidationPipe } from '../../common/validation';
import { CreateSubscriptionDto, ListDeliveriesQueryDto, RotateSecretDto, UpdateSubscriptionDto } from './subscription.dto';

const pipe = createValidationPipe();
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });

async function refusal(value: unknown, meta: ArgumentMetadata): Promise<AppError> {
  const e = await pipe.transform(value, meta).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`accepted ${JSON.stringify(value)}`);
  return e;
}

describe('webhook subscription DTOs (create and patch judged alike)', () => {
  it.each([
    [{ enabled: 'yes' }, 'enabled', 'isBoolean'],
    [{ enabled: 'false' }, 'enabled', 'isBoolean'],
    [{ enabled: 1 }, 'enabled', 'isBoolean'],
    [{ enabled: null }, 'enabled', 'isBoolean'],
    [{ events: 'moderation.completed' }, 'events', 'isArray'],
    [{ events: [] }, 'events', 'arrayNotEmpty'],
    [{ events: ['nope'] }, 'events', 'isIn'],
    [{ description: 5 }, 'description', 'isString'],
    [{ description: 'x'.repeat(501) }, 'description', 'maxLength'],
    [{ url: 42 }, 'url', 'isString'],
    [{ url: null }, 'url', 'isString'],
    [{ secret: 'whsec_mine' }, 'secret', 'whitelistValidation'],
  ])('%j is refused with invalid_parameter naming %s (%s), on create and on patch', async (fields, field, constraint) => {
    for (const meta of [body(CreateSubscriptionDto), body(UpdateSubscriptionDto)]) {
      const e = await refusal({ url: 'http://example.com/hook', ...fields }, meta);
      expect(e.code).toBe('invalid_parameter');
      expect(e.details?.errors).toContainEqual(expect.objectContaining({ field, constraint }));
      expect((e.details?.errors as { field: string }[]).every((x) => x.field === field)).toBe(true);
    }
  });

  it('create requires a url; patch takes any subset, description null included', async () => {
    expect((await refusal({}, body(CreateSubscriptionDto))).details?.errors).toContainEqual(expect.objectContaining({ field: 'url', constraint: 'isString' }));
    await expect(pipe.transform({ enabled: false }, body(UpdateSubscriptionDto))).resolves.toEqual({ enabled: false });
    await expect(pipe.transform({ description: null }, body(UpdateSubscriptionDto))).resolves.toEqual({ description: null });
    await expect(pipe.transform(undefined, body(UpdateSubscriptionDto))).resolves.toEqual({});
    await expect(pipe.transform({ url: 'http://h/x', enabled: true, events: ['review.decided'] }, body(CreateSubscriptionDto))).resolves.toEqual({ url: 'http://h/x', enabled: true, events: ['review.decided'] });
  });

  it('rotate takes an integer overlap in [0, 30 days], not a string', async () => {
    expect((await refusal({ overlap_ms: '60000' }, body(RotateSecretDto))).details?.field).toBe('overlap_ms');
    expect((await refusal({ overlap_ms: -1 }, body(RotateSecretDto))).details?.errors).toEqual([expect.objectContaining({ field: 'overlap_ms', constraint: 'min' })]);
    await expect(pipe.transform({ overlap_ms: 0 }, body(RotateSecretDto))).resolves.toEqual({ overlap_ms: 0 });
  });

  it('the deliveries query converts limit and checks the cursor shape', async () => {
    const q: ArgumentMetadata = { type: 'query', metatype: ListDeliveriesQueryDto };
    await expect(pipe.transform({ limit: '20', status: 'failed' }, q)).resolves.toEqual({ limit: 20, status: 'failed' });
    for (const [v, field, constraint] of [
      [{ limit: 'abc' }, 'limit', 'isInt'],
      [{ limit: '' }, 'limit', 'isInt'],
      [{ limit: ['1', '2'] }, 'limit', 'isInt'],
      [{ limit: '501' }, 'limit', 'max'],
      [{ status: 'done' }, 'status', 'isIn'],
      [{ before: Buffer.from('null').toString('base64url') }, 'before', 'isCursor'],
      [{ before: 'not base64 json' }, 'before', 'isCursor'],
    ] as const) {
      expect((await refusal(v, q)).details?.errors).toContainEqual(expect.objectContaining({ field, constraint }));
    }
    const cursor = Buffer.from(JSON.stringify({ created_at: 1, id: 'd' })).toString('base64url');
    await expect(pipe.transform({ before: cursor }, q)).resolves.toEqual({ before: cursor });
  });
});
