import { createHash } from 'crypto';
import { PolicyEmbedder } from '../../src/policies/policy.types';

/**
 * Deterministic stand-in for ClipService in unit tests: a text's vector
 * is the normalised sum of per-word pseudo-random vectors, so texts sharing words are close
 * (like "a gun" and "an emoji of a gun"), and nothing needs a model.
 */
export class FakeEmbedder implements PolicyEmbedder {
  readonly calls: string[][] = [];
  readonly model = { id: 'fake-embedder' };

  constructor(
    readonly dim = 64,
    private readonly maxWords = 16,
  ) {}

  tokenize(text: string): { truncated: boolean } {
    return { truncated: this.words(text).length > this.maxWords };
  }

  async embedTexts(texts: string[]): Promise<Float32Array[]> {
    this.calls.push(texts);
    return texts.map((t) => this.embed(t));
  }

  embed(text: string): Float32Array {
    const v = new Float32Array(this.dim);
    for (const w of this.words(text)) {
      // mulberry32 seeded by the word's hash: a fixed pseudo-random direction per word.
      let seed = createHash('sha256').update(w).digest().readUInt32LE(0);
      for (let i = 0; i < this.dim; i++) {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        v[i] += ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
      }
    }
    let n = 0;
    for (let i = 0; i < this.dim; i++) n += v[i] * v[i];
    n = Math.sqrt(n) || 1;
    for (let i = 0; i < this.dim; i++) v[i] /= n;
    return v;
  }

  private words(text: string): string[] {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }
}
