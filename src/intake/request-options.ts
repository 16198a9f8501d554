import { createHash } from 'crypto';
import { fingerprint } from '../idempotency/idempotency.service';
import type { Submission } from './submission.service';

/**
 * `"async": true` (JSON, form field or query; validated by ModerationOptionsDto) or
 * `Prefer: respond-async` (RFC 7240). An explicit `async` wins over the header.
 */
export function wantsAsync(prefer: string | undefined, explicit: boolean | undefined): boolean {
  if (explicit !== undefined) return explicit;
  return /(^|[,;\s])respond-async($|[,;\s])/i.test(prefer ?? '');
}

/** What makes two requests "the same" for Idempotency-Key: the image (by digest) or URL, and every option. */
export function requestFingerprint(route: string, subs: Pick<Submission, 'data' | 'url' | 'params' | 'async'>[]): string {
  return fingerprint({
    route,
    items: subs.map((s) => ({
      image: s.data ? createHash('sha256').update(s.data).digest('hex') : null,
      url: s.url ?? null,
      params: s.params,
      async: s.async,
    })),
  });
}
