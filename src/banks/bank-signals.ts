import { exactHashes } from './exact';
import { pdqDihedralFromPixels, pdqFromPixels, PdqPixels } from './pdq';
import type { UploadSignals } from './bank-matcher.service';

/**
 * The hashes of one image from its bytes and its already decoded first frame: SHA-256 and MD5 of the
 * bytes (MD5 left empty when `md5` is false), PDQ of the pixels (all 8 rotations and mirrors when
 * `dihedral`; none without pixels). Pure; a frame PDQ cannot hash (under 5 pixels a side gives quality
 * 0) still yields its exact hashes.
 */
export function signalsOf(bytes: Buffer, pixels: PdqPixels | null, dihedral = false, md5 = true): Omit<UploadSignals, 'embedding'> {
  const exact = exactHashes(bytes, md5);
  if (!pixels) return { ...exact, pdq: null };
  if (dihedral) {
    const all = pdqDihedralFromPixels(pixels);
    return { ...exact, pdq: all.original, dihedral: all };
  }
  return { ...exact, pdq: pdqFromPixels(pixels) };
}
