/** Bit distances between 256-bit hashes (PDQ), over 32-bit words. */

export const PDQ_BYTES = 32;
export const PDQ_BITS = 256;

/** Set bits in a 32-bit word (SWAR: pairs, nibbles, bytes, then one multiply sums the bytes). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits between two 32-byte hashes. */
export function hamming(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== PDQ_BYTES || b.length !== PDQ_BYTES) throw new RangeError(`hamming: hashes must be ${PDQ_BYTES} bytes (got ${a.length} and ${b.length})`);
  let d = 0;
  for (let i = 0; i < PDQ_BYTES; i += 4) {
    const x = ((a[i] << 24) | (a[i + 1] << 16) | (a[i + 2] << 8) | a[i + 3]) ^ ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
    d += popcount32(x);
  }
  return d;
}

/** Distance between hashes stored as 8 words each at word offsets ai and bi (for packed indexes). */
export function hammingWords(a: Uint32Array, ai: number, b: Uint32Array, bi: number): number {
  let d = 0;
  for (let k = 0; k < 8; k++) d += popcount32(a[ai + k] ^ b[bi + k]);
  return d;
}

/** 32 bytes from 64 hex digits (the reference and HMA text form); throws on anything else. */
export function pdqFromHex(hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new RangeError('a PDQ hash is 64 hex digits');
  return Buffer.from(hex, 'hex');
}
