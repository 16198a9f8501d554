import { bytesToEmbedding, embeddingToBytes } from './embedding-bytes';

describe('embedding bytes', () => {
  it('round-trips float32 values through their little-endian bytes', () => {
    const v = Float32Array.from([0.25, -1.5, 3.125, 1e-7]);
    const b = embeddingToBytes(v);
    expect(b.byteLength).toBe(16);
    expect(b.readFloatLE(4)).toBe(-1.5);
    expect(Array.from(bytesToEmbedding(b))).toEqual(Array.from(v));
  });

  it('writes only the view, not the whole buffer under it', () => {
    const whole = Float32Array.from([9, 1, 2, 9]);
    expect(Array.from(bytesToEmbedding(embeddingToBytes(whole.subarray(1, 3))))).toEqual([1, 2]);
  });

  it('reads bytes that are not 4-byte aligned (as a driver may hand them over)', () => {
    const padded = Buffer.alloc(9);
    embeddingToBytes(Float32Array.from([0.5, -2])).copy(padded, 1);
    const odd = padded.subarray(1);
    expect(odd.byteOffset % 4).not.toBe(0);
    expect(Array.from(bytesToEmbedding(odd))).toEqual([0.5, -2]);
  });

  it('an empty embedding (the model was skipped) is empty bytes and back', () => {
    expect(embeddingToBytes(new Float32Array(0)).byteLength).toBe(0);
    expect(bytesToEmbedding(Buffer.alloc(0))).toHaveLength(0);
  });
});
