import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './app-error';

/** One failed field: its path in the body or query (`items[2].url`), the constraint that failed, a sentence. */
export interface FieldError {
  field: string;
  constraint: string;
  message: string;
}

/** class-validator's tree of errors as a flat list, one entry per failed constraint, in field order. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const [constraint, message] of Object.entries(e.constraints ?? {})) out.push({ field, constraint, message });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/**
 * The one validation of HTTP input: every body, query and path DTO goes through it. Fields a DTO
 * does not declare are refused (a misspelt option must not be silently ignored), values are
 * converted to the DTO's types, and every failure is reported at once as `invalid_parameter`
 * with `details.errors` naming each field and constraint (`details.field` is the first one).
 */
export function createValidationPipe(): ValidationPipe {
  return new ObjectBodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const list = flattenValidationErrors(errors);
      const message = list.length ? list.map((e) => e.message).join('; ') : 'invalid input';
      return new AppError('invalid_parameter', message, { field: list[0]?.field ?? null, errors: list });
    },
  });
}

/**
 * A body bound to a DTO must be an object: class-transformer would turn an array or a string into an
 * empty DTO, so `PATCH [...]` read as a change of nothing. 400 `bad_request`, as the body layer
 * answers valid JSON that is not an object (src/common/body.interceptor.ts): the body as a whole
 * cannot be read as the route needs it, no field of it failed (docs/api-errors.md).
 */
class ObjectBodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && typeof metadata.metatype === 'function' && metadata.metatype !== Object && value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value) || Buffer.isBuffer(value))) {
      throw new AppError('bad_request', 'the JSON body must be an object');
    }
    return super.transform(value, metadata);
  }
}
