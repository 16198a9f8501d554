import type { Request } from 'express';
import { AppError } from '../../common/app-error';
import { MAX_NESTING, MAX_TOKENS } from '../document-limits';
import { unprocessable } from '../policy-parser';
import { issueView } from './candidate';

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
    return processable(body);
  }
  if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) {
    const o = body as Record<string, unknown>;
    const inner = o[field];
    if (typeof inner === 'string') return processable(inner);
    if (inner && typeof inner === 'object') return documentFromValue(inner, field);
    if ('policies' in o || 'version' in o) return documentFromValue(o, '');
  }
  throw new AppError('bad_request', `send the policy document as YAML (Content-Type: application/yaml) or JSON (the document, or {"${field}": ...})`);
}

/**
 * Refuses a document that cannot be processed (too large: 413; nested too deep, lines too long,
 * alias expansion past the limit: 422 policy_invalid with the position) before anything parses it
 * for validation.
 */
export function processable(text: string, file = 'input.yaml'): string {
  const problem = unprocessable(text, file);
  if (!problem) return text;
  const { size, ...issue } = problem;
  if (size) throw new AppError('payload_too_large', `the policy document is too large: ${issue.message}`, { errors: [issueView(issue)] });
  throw new AppError('policy_invalid', `the policy document cannot be processed: ${issue.message}`, { errors: [issueView(issue)] });
}

/**
 * A JSON document as indented JSON text (valid YAML). Walked without recursion first: JSON.stringify
 * recurses and a body nested a few thousand levels deep would overflow the stack.
 */
export function documentFromValue(value: unknown, field: string): string {
  const stack: [unknown, string, number][] = [[value, field, 1]];
  let nodes = 0;
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (++nodes > MAX_TOKENS) {
      throw new AppError('payload_too_large', `the policy document is too large: more than ${MAX_TOKENS} values`, { errors: [{ path: field, level: 'error', message: `more than ${MAX_TOKENS} values` }] });
    }
    if (!v || typeof v !== 'object') continue;
    if (depth > MAX_NESTING) {
      const message = `nested deeper than ${MAX_NESTING} levels`;
      throw new AppError('policy_invalid', `the policy document cannot be processed: ${message}`, { errors: [{ path, level: 'error', message }] });
    }
    for (const [k, x] of Object.entries(v)) stack.push([x, Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k, depth + 1]);
  }
  return processable(JSON.stringify(value, null, 2));
}

/** A text field of a multipart form, given either as a field or as a file part. */
export function formText(fields: Record<string, unknown>, files: Record<string, Express.Multer.File[] | undefined>, name: string): string | null {
  const f = files[name]?.[0];
  if (f) return processable(f.buffer.toString('utf8'));
  const v = fields[name];
  return typeof v === 'string' && v.trim() ? processable(v) : null;
}

/** camelCase keys to snake_case, deeply (policy ids and labels are lowercase, so they are unchanged). */
export function snakeKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(snakeKeys);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeKeys(x)]));
  }
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}
