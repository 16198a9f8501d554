import { Transform } from 'class-transformer';
import { ValidateIf, ValidationOptions, registerDecorator } from 'class-validator';

/**
 * Query-string values arrive as strings. These transforms convert only what is unambiguous and
 * leave everything else as it came, so the validators that follow refuse it with the field named
 * (`?limit=abc`, `?limit=` or `?limit=1&limit=2` fail `isInt` instead of becoming NaN or 0).
 */
export function ToNumber(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value));
}

/** `true`/`false` (as JSON booleans or the strings "true"/"false"); "yes", "1" and the like stay strings and fail `isBoolean`. */
export function ToBoolean(): PropertyDecorator {
  return Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
}

/**
 * Optional, but not nullable: the validators run whenever the field is present, null included
 * (class-validator's @IsOptional would let `null` through).
 */
export function IfPresent(): PropertyDecorator {
  return ValidateIf((_o, v) => v !== undefined);
}

/** A time in a query: ISO-8601 or epoch milliseconds. */
export function IsTimeString(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTime',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be an ISO-8601 time or epoch milliseconds`, ...options },
      validator: { validate: (v: unknown) => parseTime(v) !== undefined },
    });
}

/** The epoch milliseconds of an ISO-8601 time or an epoch-ms string; undefined when it is neither. */
export function parseTime(v: unknown): number | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Opaque cursors: base64url JSON. */
export function encodeCursor(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

export function decodeCursor(raw: string): unknown {
  try {
    return JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A cursor handed out by a previous page: base64url JSON of the shape `check` accepts. */
export function IsCursor(check: (v: unknown) => boolean, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCursor',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a next_cursor from a previous page, passed back unchanged`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && v.length <= 2000 && check(decodeCursor(v)) },
    });
}
