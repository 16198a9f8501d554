import { createHash } from 'crypto';
import { sha256Of } from '../common/body-digest';

/** Exact hashes of the encoded bytes as received: byte-identical re-uploads match in O(1). */
export interface ExactHashes {
  sha256: string;
  /** For interoperability with banks that share MD5 lists (HMA's md5 signal type). */
  md5: string;
}

/**
 * SHA-256 (reusing the digest taken while the upload streamed in, when there is one) and MD5, lowercase
 * hex; MD5 is left empty when `md5` is false (no bank holds MD5 entries).
 */
export function exactHashes(bytes: Buffer, md5 = true): ExactHashes {
  return { sha256: sha256Of(bytes), md5: md5 ? createHash('md5').update(bytes).digest('hex') : '' };
}
