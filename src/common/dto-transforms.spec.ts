import { IsBoolean, IsInt, IsOptional } from 'class-validator';
import { AppError } from './app-error';
import { encodeCursor, IsCursor } from './cursor';
import { IfPresent, IsTimeString, parseTime, ToBoolean, ToNumber } from './dto-transforms';
import { createValidationPipe } from './validation';

class Query {
  @IsOptional()
  @ToNumber()
  @IsInt()
  n?: number;

  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  b?: boolean;

  @IsOptional()
  @IsTimeString()
  t?: string;

  @IsOptional()
  @IsCursor((v): v is { k: number } => typeof (v as { k?: unknown })?.k === 'number')
  c?: string;
}

class Body {
  @IfPresent()
  @IsBoolean()
  flag?: boolean;
}

const pipe = createValidationPipe();
const query = (v: Record<string, unknown>) => pipe.transform(v, { type: 'query', metatype: Query });
const failed = async (p: Promise<unknown>) => {
  const e = await p.then(() => undefined, (err: unknown) => err);
  if (!(e instanceof AppError)) throw new Error('accepted');
  return (e.details?.errors as { field: string; constraint: string }[]).map((x) => `${x.field}:${x.constraint}`);
};

describe('query-string transforms', () => {
  it('converts only unambiguous text', async () => {
    await expect(query({ n: '12', b: 'false', t: '2026-12-05T00:00:00Z', c: encodeCursor({ k: 1 }) })).resolves.toEqual({ n: 12, b: false, t: '2026-12-05T00:00:00Z', c: encodeCursor({ k: 1 }) });
    expect(await failed(query({ n: '' }))).toEqual(['n:isInt']);
    expect(await failed(query({ n: 'ten' }))).toEqual(['n:isInt']);
    expect(await failed(query({ n: ['1', '2'] }))).toEqual(['n:isInt']);
    for (const b of ['1', 'yes', 'TRUE', '']) expect(await failed(query({ b }))).toEqual(['b:isBoolean']);
    expect(await failed(query({ t: 'yesterday' }))).toEqual(['t:isTime']);
    expect(await failed(query({ c: encodeCursor({ k: 'x' }) }))).toEqual(['c:isCursor']);
    expect(await failed(query({ c: '%%%' }))).toEqual(['c:isCursor']);
  });

  it('parseTime reads ISO-8601 and epoch milliseconds, nothing else', () => {
    expect(parseTime('1764892800000')).toBe(1764892800000);
    expect(parseTime('2026-12-05T00:00:00Z')).toBe(Date.parse('2026-12-05T00:00:00Z'));
    expect(parseTime('soon')).toBeUndefined();
    expect(parseTime('')).toBeUndefined();
    expect(parseTime(undefined)).toBeUndefined();
  });

  it('IfPresent: absent is fine, null is judged (unlike IsOptional)', async () => {
    await expect(pipe.transform({}, { type: 'body', metatype: Body })).resolves.toEqual({});
    expect(await failed(pipe.transform({ flag: null }, { type: 'body', metatype: Body }))).toEqual(['flag:isBoolean']);
  });
});
