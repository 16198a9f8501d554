import { hamming, hammingWords, pdqFromHex, popcount32 } from './hamming';

describe('hamming distance over 256-bit hashes', () => {
  it('counts bits in a word', () => {
    expect([0, 1, 0x80000000, 0xffffffff, 0x0f0f0f0f, 0x12345678].map(popcount32)).toEqual([0, 1, 1, 32, 16, 13]);
  });

  it('finds each single differing bit, and all 256 against the complement', () => {
    const a = Buffer.alloc(32, 0x5a);
    for (let bit = 0; bit < 256; bit++) {
      const b = Buffer.from(a);
      b[bit >> 3] ^= 1 << (bit & 7);
      expect(hamming(a, b)).toBe(1);
    }
    expect(hamming(a, Buffer.alloc(32, 0xa5))).toBe(256);
    expect(hamming(a, a)).toBe(0);
  });

  it('gives the same answer over packed 32-bit words', () => {
    const hexA = 'd8f8f0cce0f4a84f0e370a22028f67f0b36e2ed596623e1d33e6b39c4e9c9b22';
    const hexB = 'd8f80f31e0f417b00e37f5dd028f980fb36ed12a9662c1e233e64c634e9c64dd';
    const a = pdqFromHex(hexA);
    const b = pdqFromHex(hexB);
    const words = new Uint32Array(16);
    for (let k = 0; k < 8; k++) {
      words[k] = a.readUInt32BE(4 * k);
      words[8 + k] = b.readUInt32BE(4 * k);
    }
    expect(hammingWords(words, 0, words, 8)).toBe(hamming(a, b));
    // an independent count: XOR as one big integer, ones in its binary digits
    const ones = (BigInt('0x' + hexA) ^ BigInt('0x' + hexB)).toString(2).replace(/0/g, '').length;
    expect(hamming(a, b)).toBe(ones);
    expect(ones).toBeGreaterThan(100);
  });

  it('refuses malformed hashes', () => {
    expect(() => pdqFromHex('abc')).toThrow(RangeError);
    expect(() => pdqFromHex('g'.repeat(64))).toThrow(RangeError);
    expect(() => hamming(Buffer.alloc(31), Buffer.alloc(32))).toThrow(RangeError);
  });
});
