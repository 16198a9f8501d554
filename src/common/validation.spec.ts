import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, ValidateNested } from 'class-validator';
import { AppError } from './app-error';
import { createValidationPipe } from './validation';

class Item {
  @IsString()
  url!: string;
}

class Body {
  @IsInt()
  @Max(10)
  limit!: number;

  @ValidateNested({ each: true })
  @Type(() => Item)
  items!: Item[];
}

const meta: ArgumentMetadata = { type: 'body', metatype: Body };

describe('the validation pipe', () => {
  const pipe = createValidationPipe();

  it('reports every failed field with its path and constraint as invalid_parameter', async () => {
    const err = await pipe.transform({ limit: 11, items: [{ url: 'a' }, { url: 3 }], extra: 1 }, meta).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_parameter');
    expect((err as AppError).details).toEqual({
      field: 'extra',
      errors: [
        { field: 'extra', constraint: 'whitelistValidation', message: 'property extra should not exist' },
        { field: 'limit', constraint: 'max', message: expect.stringMatching(/limit/) },
        { field: 'items[1].url', constraint: 'isString', message: expect.stringMatching(/url/) },
      ],
    });
  });

  it('passes a valid body through as an instance of its class', async () => {
    const v = await pipe.transform({ limit: 3, items: [{ url: 'a' }] }, meta);
    expect(v).toBeInstanceOf(Body);
    expect(v.items[0]).toBeInstanceOf(Item);
  });

  it.each([[[]], [[{ limit: 1 }]], ['text'], [7], [null], [Buffer.from('{}')]])('refuses a body that is not an object (%p) with bad_request instead of reading it as an empty DTO', async (body) => {
    const err = await pipe.transform(body, meta).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    // docs/api-errors.md: "a JSON body that is not an object" is bad_request, as the body layer answers it.
    expect((err as AppError).code).toBe('bad_request');
  });

  it('leaves an absent body to the DTO (every field optional is then valid)', async () => {
    class Optional {}
    await expect(pipe.transform(undefined, { type: 'body', metatype: Optional }).then(() => 'accepted')).resolves.toBe('accepted');
  });
});
