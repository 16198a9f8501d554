import { AppError } from './app-error';

export interface JsonShapeLimits {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
  /** Values (array elements, object members) in the whole document. */
  maxValues: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Refuses a JSON text whose structure is deeper or larger than `limits`, before JSON.parse builds
 * it: a 28 MB `[{},{},...]` is seven million objects (gigabytes of heap), while a 28 MB base64 image
 * is one string. Strings are skipped with Buffer.indexOf (native), so a long one costs next to
 * nothing; only structural bytes are looked at one by one. Malformed text is left to JSON.parse.
 */
export function checkJsonShape(buf: Buffer, limits: JsonShapeLimits): void {
  let depth = 0;
  let values = 0;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === QUOTE) {
      // Skip to the closing quote: one not preceded by an odd number of backslashes.
      let j = i;
      for (;;) {
        j = buf.indexOf(QUOTE, j + 1);
        if (j < 0) return; // unterminated: JSON.parse will say so
        let k = j - 1;
        while (buf[k] === BACKSLASH) k--;
        if ((j - 1 - k) % 2 === 0) break;
      }
      i = j;
    } else if (c === 0x5b || c === 0x7b) {
      // [ or {
      if (++depth > limits.maxDepth) {
        throw new AppError('invalid_json', `JSON body is nested deeper than ${limits.maxDepth} levels`, { max_depth: limits.maxDepth });
      }
      values++;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    } else if (c === 0x2c) {
      // , separates values: their count bounds what JSON.parse allocates
      if (++values > limits.maxValues) {
        throw new AppError('invalid_json', `JSON body has more than ${limits.maxValues} values`, { max_values: limits.maxValues });
      }
    }
  }
}
