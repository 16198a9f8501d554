/**
 * Counts the scans (SOS segments) of a JPEG by walking its markers, without decoding anything.
 * A progressive JPEG refines the whole image once per scan, so a small file with thousands of tiny
 * scans costs the decoder thousands of full passes: the classic "costly progressive JPEG". Normal
 * encoders write 1 (baseline) to about 12 scans. Stops counting at `stopAfter`.
 */
export function countJpegScans(buf: Buffer, stopAfter = Number.MAX_SAFE_INTEGER): number {
  let scans = 0;
  let i = 2; // after SOI
  const n = buf.length;
  while (i + 3 < n) {
    if (buf[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = buf[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd9) break; // EOI
    if (marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2; // stuffed byte, RSTn, TEM: no length
      continue;
    }
    const len = buf.readUInt16BE(i + 2);
    if (marker === 0xda) {
      if (++scans >= stopAfter) return scans;
      // Skip the header, then the entropy-coded data up to the next real marker.
      i += 2 + len;
      // indexOf runs natively: a JS byte loop over megabytes of entropy data held the HTTP thread.
      for (;;) {
        const j = buf.indexOf(0xff, i);
        if (j < 0 || j + 1 >= n) {
          i = n;
          break;
        }
        const next = buf[j + 1];
        if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) {
          i = j;
          break;
        }
        i = j + 1;
      }
      continue;
    }
    i += 2 + len;
  }
  return scans;
}
