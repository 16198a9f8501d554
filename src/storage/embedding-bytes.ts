/**
 * How an embedding is stored (moderation_records.embedding, bank_entries.embedding): its float32
 * values, little-endian as the machine holds them, one BLOB/bytea. The one codec for both columns.
 */
export function embeddingToBytes(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

/** The stored bytes back as floats, copied (a Buffer from the driver may not be 4-byte aligned). */
export function bytesToEmbedding(b: Uint8Array): Float32Array {
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}
