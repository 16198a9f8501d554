/** Kept import-free: the inference worker loads it. */

/**
 * Cuts [count, maxTextLength] ids to [count, L], L = the longest text up to its first EOS. Exact for
 * CLIP: attention is causal and the embedding is pooled at the first EOS, so the padding after it
 * never reaches the result; it only costs time (77 positions for a 6-token prompt, ~10x the work).
 */
export function trimToLongest(ids: BigInt64Array, count: number, maxLength: number, eos: bigint): { ids: BigInt64Array; length: number } {
  let length = 1;
  for (let r = 0; r < count; r++) {
    let i = 0;
    while (i < maxLength - 1 && ids[r * maxLength + i] !== eos) i++;
    length = Math.max(length, i + 1);
  }
  if (length === maxLength) return { ids, length };
  const out = new BigInt64Array(count * length);
  for (let r = 0; r < count; r++) out.set(ids.subarray(r * maxLength, r * maxLength + length), r * length);
  return { ids: out, length };
}
