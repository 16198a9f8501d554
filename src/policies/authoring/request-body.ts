import type { Request } from 'express';
import { AppError } from '../../common/app-error';

export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'];
/** Routes that take a policy document: YAML text as well as JSON, read after authentication. */
export const POLICY_DOCUMENT = { text: YAML_TYPES, textLimit: 2 * 1024 * 1024 };

/**
 * A policy document from a request: a YAML body (text), a JSON body that is the document, or a
 * JSON body {"policy": "<yaml text>" | {document}}. JSON documents are re-serialised as indented
 * JSON (valid YAML), so positions in errors refer to that text.
 */
export function documentFromBody(req: Request, field = 'policy'): string {
  const body = req.body as unknown;
  if (typeof body === 'string') {
    if (!body.trim()) throw new AppError('bad_request', 'the request body is empty: send the policy document (YAML or JSON)');
    return body;
  }
  if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) {
    const o = body as Record<string, unknown>;
    const inner = o[field];
    if (typeof inner === 'string') return inner;
    if (inner && typeof inner === 'object') return JSON.stringify(inner, null, 2);
    if ('policies' in o || 'version' in o) return JSON.stringify(o, null, 2);
  }
  throw new AppError('bad_request', `send the policy document as YAML (Content-Type: application/yaml) or JSON (the document, or {"${field}": ...})`);
}

/** A text field of a multipart form, given either as a field or as a file part. */
export function formText(fields: Record<string, unknown>, files: Record<string, Express.Multer.File[] | undefined>, name: string): string | null {
  const f = files[name]?.[0];
  if (f) return f.buffer.toString('utf8');
  const v = fields[name];
  return typeof v === 'string' && v.trim() ? v : null;
}

export function parseTarget(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new AppError('invalid_parameter', `${name} must be a number in (0, 1]`, { parameter: name });
  return n;
}

export function parseBool(v: unknown, name: string): boolean | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (v === true || v === 'true' || v === '1') return true;
  if (v === false || v === 'false' || v === '0') return false;
  throw new AppError('invalid_parameter', `${name} must be true or false`, { parameter: name });
}

/** camelCase keys to snake_case, deeply (policy ids and labels are lowercase, so they are unchanged). */
export function snakeKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(snakeKeys);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeKeys(x)]));
  }
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}
