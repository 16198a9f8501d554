import { registerDecorator, ValidationOptions } from 'class-validator';
import { AppError } from '../common/app-error';

/**
 * Query-string readers of the review routes (audit and search use DTOs: src/audit/dto, src/search/dto);
 * every failure is invalid_parameter.
 */
type Q = Record<string, unknown>;

function one(q: Q, name: string): string | undefined {
  const v = q[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new AppError('invalid_parameter', `${name} must be given once`, { parameter: name });
  return v;
}

export const qs = {
  str(q: Q, name: string, max = 200): string | undefined {
    const v = one(q, name);
    if (v !== undefined && v.length > max) throw new AppError('invalid_parameter', `${name} is longer than ${max} characters`, { parameter: name });
    return v;
  },
  oneOf<T extends string>(q: Q, name: string, allowed: readonly T[], def?: T): T | undefined {
    const v = one(q, name);
    if (v === undefined) return def;
    if (!allowed.includes(v as T)) throw new AppError('invalid_parameter', `${name} must be one of ${allowed.join(', ')}`, { parameter: name });
    return v as T;
  },
  int(q: Q, name: string, def: number, min: number, max: number): number {
    const v = one(q, name);
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new AppError('invalid_parameter', `${name} must be an integer in [${min}, ${max}]`, { parameter: name });
    return n;
  },
  num(q: Q, name: string): number | undefined {
    const v = one(q, name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new AppError('invalid_parameter', `${name} must be a number`, { parameter: name });
    return n;
  },
  /** ISO-8601 time or epoch milliseconds. */
  time(q: Q, name: string): number | undefined {
    const v = one(q, name);
    if (v === undefined) return undefined;
    const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (!Number.isFinite(n)) throw new AppError('invalid_parameter', `${name} must be an ISO-8601 time or epoch milliseconds`, { parameter: name });
    return n;
  },
  bool(q: Q, name: string): boolean {
    const v = one(q, name);
    if (v === undefined) return false;
    if (['1', 'true', 'yes'].includes(v)) return true;
    if (['0', 'false', 'no'].includes(v)) return false;
    throw new AppError('invalid_parameter', `${name} must be true or false`, { parameter: name });
  },
};

export const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** Opaque cursors: base64url JSON, validated on the way back in. */
export function encodeCursor(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

/** The value of a cursor, or undefined when `raw` is not one that `check` accepts. */
export function readCursor<T>(raw: string, check: (v: unknown) => v is T): T | undefined {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (check(v)) return v;
  } catch {
    /* fall through */
  }
  return undefined;
}

/** A query parameter that must be a cursor `check` accepts (pass next_cursor back unchanged). */
export function IsCursor<T>(check: (v: unknown) => v is T, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCursor',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} is not valid (pass next_cursor back unchanged)`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && readCursor(value, check) !== undefined },
    });
}

export function decodeCursor<T>(raw: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (raw === undefined) return undefined;
  const v = readCursor(raw, check);
  if (v !== undefined) return v;
  throw new AppError('invalid_parameter', 'cursor is not valid (pass next_cursor back unchanged)', { parameter: 'cursor' });
}
