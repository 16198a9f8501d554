import type { Type } from '@nestjs/common';
import { AppError } from './app-error';
import { FieldError, createValidationPipe } from './validation';

const pipe = createValidationPipe();

/**
 * Runs the global ValidationPipe on a value a route could not bind with @Body(): the fields of a
 * multipart body or a JSON body whose DTO depends on the Content-Type (image routes, whose raw
 * image/* body is a Buffer), or one batch item. Same rules and error shape as every other DTO.
 */
export async function validateDto<T extends object>(cls: Type<T>, value: unknown): Promise<T> {
  return (await pipe.transform(value ?? {}, { type: 'body', metatype: cls })) as T;
}

/**
 * A failed field that only a service can judge (it needs state or a header): the same
 * `invalid_parameter` shape as a DTO failure, so clients read one kind of detail.
 */
export function fieldError(field: string, constraint: string, message: string, extra: Record<string, unknown> = {}): AppError {
  const errors: FieldError[] = [{ field, constraint, message }];
  return new AppError('invalid_parameter', message, { field, errors, ...extra });
}

/** An invalid_parameter error of a nested value, with its fields renamed under `prefix` (`items[2]`). */
export function prefixFieldErrors(e: AppError, prefix: string): AppError {
  if (e.code !== 'invalid_parameter' || !e.details) return e;
  const errors = ((e.details.errors as FieldError[] | undefined) ?? []).map((f) => ({ ...f, field: `${prefix}.${f.field}` }));
  return new AppError('invalid_parameter', e.message, { ...e.details, field: errors[0]?.field ?? prefix, errors });
}
