import type { Response } from 'express';

/** A finished HTTP answer that can be sent now and replayed later byte for byte. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** JSON value, or raw bytes (a blurred image). */
  body: unknown;
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers, body };
}

/**
 * Sends a reply. A stored error answer replayed to a later request carries that request's id, as
 * every error does (the stored body has none: the id belongs to the request, not the answer).
 */
export function sendReply(res: Response, reply: Reply): void {
  // The access log names the decision (src/logging/access-log.ts): from the JSON answer, or the
  // header that goes with a blurred image.
  const decision = (reply.body as { decision?: unknown } | null)?.decision ?? reply.headers['x-moderation-decision'];
  if (typeof decision === 'string') res.locals.decision = decision;
  for (const [k, v] of Object.entries(reply.headers)) res.setHeader(k, v);
  res.status(reply.status);
  if (Buffer.isBuffer(reply.body)) res.send(reply.body);
  else if (reply.status >= 400 && reply.body && typeof reply.body === 'object' && !Array.isArray(reply.body)) {
    const { requestId: _stored, ...error } = reply.body as Record<string, unknown>;
    res.json({ ...error, requestId: (res.req as { id?: string } | undefined)?.id ?? 'unknown' });
  } else res.json(reply.body);
}

export function serialise(reply: Reply): { headers: string; body: Buffer } {
  const binary = Buffer.isBuffer(reply.body);
  return {
    headers: JSON.stringify({ ...reply.headers, ...(binary ? {} : { 'content-type': 'application/json; charset=utf-8' }) }),
    body: binary ? (reply.body as Buffer) : Buffer.from(JSON.stringify(reply.body)),
  };
}

export function deserialise(status: number, headers: string | null, body: Buffer | null): Reply {
  const h = JSON.parse(headers ?? '{}') as Record<string, string>;
  const data = body ?? Buffer.alloc(0);
  const isJson = (h['content-type'] ?? '').startsWith('application/json');
  const { 'content-type': type, ...rest } = h;
  return isJson ? { status, headers: rest, body: JSON.parse(data.toString('utf8')) } : { status, headers: { ...rest, ...(type ? { 'content-type': type } : {}) }, body: data };
}
