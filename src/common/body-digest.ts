import { createHash } from 'crypto';

/**
 * SHA-256 digests computed while a body streamed in (src/common/raw-body.ts), looked up by the
 * Buffer they describe. Hashing a 12-megapixel upload in one go blocks the HTTP thread for ~5 ms;
 * hashing each 64 KiB chunk as it arrives spreads that over the upload.
 */
const digests = new WeakMap<Buffer, string>();

export function rememberSha256(body: Buffer, hex: string): void {
  digests.set(body, hex);
}

/** The body's SHA-256 in hex: remembered from the upload, or computed now. */
export function sha256Of(body: Buffer): string {
  return digests.get(body) ?? createHash('sha256').update(body).digest('hex');
}
