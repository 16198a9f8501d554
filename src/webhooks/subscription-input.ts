import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { AppError } from '../common/app-error';
import { EVENT_TYPES, EventType } from '../outbox/events';

/** The fields of a subscription a client may set, after validation (the URL's address is judged by the service). */
export interface SubscriptionFields {
  url?: string;
  events?: EventType[];
  description?: string | null;
  enabled?: boolean;
}

const FIELDS = ['url', 'events', 'description', 'enabled'] as const;
type Field = (typeof FIELDS)[number];

const invalid = (field: string, message: string, extra: Record<string, unknown> = {}) => new AppError('invalid_parameter', `${field}: ${message}`, { field, ...extra });

const CHECKS: Record<Field, (v: unknown) => SubscriptionFields[Field]> = {
  url(v) {
    if (typeof v !== 'string' || v.length === 0 || v.length > 2048) throw invalid('url', 'must be an http(s) URL of at most 2048 characters');
    return v;
  },
  events(v) {
    if (!Array.isArray(v) || v.length === 0 || v.some((e) => typeof e !== 'string')) throw invalid('events', 'must be a non-empty list of event types', { known: EVENT_TYPES });
    const unknown = v.filter((e) => !(EVENT_TYPES as readonly string[]).includes(e));
    if (unknown.length) throw invalid('events', `unknown event type(s): ${unknown.join(', ')}`, { unknown, known: EVENT_TYPES });
    return [...new Set(v as EventType[])];
  },
  description(v) {
    if (v === null) return null;
    if (typeof v !== 'string' || v.length > 500) throw invalid('description', 'must be a string of at most 500 characters, or null');
    return v;
  },
  enabled(v) {
    // JSON true/false only: "yes", 1 or "false" are refused rather than guessed.
    if (typeof v !== 'boolean') throw invalid('enabled', 'must be true or false (a JSON boolean)');
    return v;
  },
};

/**
 * The one check of POST and PATCH /v1/webhooks bodies, so both judge every field alike: a JSON
 * object whose known fields have the right types; an unknown field is refused instead of ignored.
 * On create, `url` is required and the others take their defaults; on patch, every field is optional.
 */
export function parseSubscription(body: unknown, mode: 'create' | 'patch'): SubscriptionFields {
  if (body === undefined || body === null) body = {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new AppError('invalid_parameter', 'the body must be a JSON object', { field: null });
  const input = body as Record<string, unknown>;
  const unknown = Object.keys(input).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown.length) throw invalid(unknown[0], `unknown field (known: ${FIELDS.join(', ')})`, { unknown, known: FIELDS });
  if (mode === 'create' && input.url === undefined) throw invalid('url', 'is required');
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) if (input[f] !== undefined) out[f] = CHECKS[f](input[f]);
  if (mode === 'create') return { events: [...EVENT_TYPES], description: null, enabled: true, ...out };
  return out as SubscriptionFields;
}

/** The POST /v1/webhooks body as OpenAPI shows it (parseSubscription is what enforces it). */
export class CreateSubscriptionBody {
  @ApiProperty({ description: 'http(s) URL of the receiver, at most 2048 characters; judged by the SSRF rules', example: 'https://platform.example/hooks/clipguard' })
  url!: string;

  @ApiPropertyOptional({ enum: EVENT_TYPES, isArray: true, description: 'event types to receive (default: all)' })
  events?: EventType[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  description?: string | null;

  @ApiPropertyOptional({ type: Boolean, default: true, description: 'a JSON boolean; a disabled endpoint has its deliveries held until it is enabled' })
  enabled?: boolean;
}

/** The PATCH /v1/webhooks/{id} body: the same fields, all optional. */
export class PatchSubscriptionBody extends PartialType(CreateSubscriptionBody) {}
