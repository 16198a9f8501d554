import { createHash } from 'crypto';
import { AppError } from '../common/app-error';
import { fingerprint } from '../idempotency/idempotency.service';
import type { Submission } from './submission.service';

/** `"async": true` (JSON, form field or query) or `Prefer: respond-async` (RFC 7240). */
export function wantsAsync(prefer: string | undefined, raw: unknown): boolean {
  if (raw !== undefined && raw !== null && raw !== '') {
    if (raw === true || raw === 'true' || raw === '1') return true;
    if (raw === false || raw === 'false' || raw === '0') return false;
    throw new AppError('invalid_parameter', 'async must be true or false');
  }
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
