import { registerDecorator, ValidationOptions } from 'class-validator';

/** Longest cursor accepted back (ours are a few dozen characters). */
const MAX_CURSOR_LENGTH = 2000;

/** Opaque page cursors: base64url JSON, validated on the way back in. */
export function encodeCursor(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

/** The value of a cursor, or undefined when `raw` is not one that `check` accepts. */
export function readCursor<T>(raw: string, check: (v: unknown) => v is T): T | undefined {
  if (raw.length > MAX_CURSOR_LENGTH) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    return check(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A query parameter that must be a cursor `check` accepts (a next_cursor passed back unchanged). */
export function IsCursor<T>(check: (v: unknown) => v is T, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCursor',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a next_cursor from a previous page, passed back unchanged`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && readCursor(value, check) !== undefined },
    });
}
