import { Transform } from 'class-transformer';
import { IsUUID, registerDecorator, ValidateIf, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * Query strings and form fields carry booleans as text: only "true" and "false" are read as
 * booleans; anything else ("yes", "1") is left as it is and fails @IsBoolean.
 */
export const ToBoolean = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/**
 * A list given as "a,b" (query string, form field) or as ["a", "b"] (JSON, repeated query
 * parameter): trimmed, empty entries dropped. Values of another type are left for the validators.
 */
export const ToList = () =>
  Transform(({ value }) => {
    const items = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
    return items ? items.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean) : value;
  });

/** A query string of numbers: "20" becomes 20; anything that is not a plain number stays text and fails @IsInt. */
export const ToInt = () => Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value));

/**
 * An id the service issued (crypto.randomUUID, lower case). UUIDs are case-insensitive (RFC 9562), so
 * the same id in upper case names the same record: it is read in lower case, then checked as a UUID;
 * anything else is a 400 (isUuid) on every route, not a 404 on some.
 */
export function IsIssuedId(): PropertyDecorator {
  const lower = Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value));
  const uuid = IsUUID();
  return (target: object, key: string | symbol) => {
    lower(target, key);
    uuid(target, key);
  };
}

/** An absolute URL that the WHATWG URL parser accepts (the scheme and credentials are judged when fetching). */
export function IsAbsoluteUrl(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isAbsoluteUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be an absolute http(s) URL`, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && URL.canParse(value),
      },
    });
}

/** This field and `other` exclude each other (for example image_base64 and url). */
export function NotWith(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'notWith',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [other],
      options: { message: (a: ValidationArguments) => `give either ${a.property} or ${other}, not both`, ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => value === undefined || (args.object as Record<string, unknown>)[other] === undefined,
      },
    });
}

/**
 * A time in a query string, as ISO-8601 or epoch milliseconds: read as epoch milliseconds. Text
 * that is neither stays text and fails @IsTime.
 */
export const ToTime = () => Transform(({ value }) => parseTime(value) ?? value);

/** A time read by @ToTime: epoch milliseconds, else refused with constraint `isTime` (as @IsTimeString). */
export function IsTime(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTime',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be an ISO-8601 time or epoch milliseconds` },
      validator: { validate: (v: unknown) => Number.isSafeInteger(v) },
    });
}

/**
 * `from` (read by @ToTime) must be before `to` when both are given: a window that ends before it
 * starts is a mistake to report (constraint `isBeforeTo`), not an empty page.
 */
export function IsBeforeTo(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isBeforeTo',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be before to` },
      validator: {
        validate(v: unknown, args: ValidationArguments) {
          const to = (args.object as { to?: unknown }).to;
          return typeof v !== 'number' || typeof to !== 'number' || v < to;
        },
      },
    });
}

/**
 * Query-string values arrive as strings. These transforms convert only what is unambiguous and
 * leave everything else as it came, so the validators that follow refuse it with the field named
 * (`?limit=abc`, `?limit=` or `?limit=1&limit=2` fail `isInt` instead of becoming NaN or 0).
 */
export function ToNumber(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value));
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

