import { DotScan } from './dot-kernel';
import { cosine } from './scoring';

function unit(dim: number, seed: number): Float32Array {
  let x = seed;
  const v = Float32Array.from({ length: dim }, () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1);
  const n = Math.hypot(...v);
  return v.map((y) => y / n);
}

describe('DotScan (WebAssembly SIMD)', () => {
  it('gives every vector the cosine the JS loop gives, to 1e-12', () => {
    const vectors = Array.from({ length: 300 }, (_, i) => unit(256, i + 1));
    const scan = DotScan.create(vectors)!;
    expect(scan).not.toBeNull();
    for (const seed of [1000, 2000]) {
      const image = unit(256, seed);
      const dots = Array.from(scan.dots(image));
      expect(dots).toHaveLength(300);
      dots.forEach((d, k) => expect(Math.abs(d - cosine(image, vectors[k]))).toBeLessThan(1e-12));
    }
    // The vector equal to the image scores 1.
    expect(scan.dots(vectors[7])[7]).toBeCloseTo(1, 6);
  });

  it('holds its own copy: a later change to a source vector does not move its dots', () => {
    const vectors = [unit(8, 1), unit(8, 2)];
    const scan = DotScan.create(vectors)!;
    const before = scan.dots(vectors[0])[1];
    vectors[1].fill(0);
    expect(scan.dots(unit(8, 1))[1]).toBe(before);
  });

  it('declines what it cannot scan: no vectors, mixed widths, a width not divisible by 4', () => {
    expect(DotScan.create([])).toBeNull();
    expect(DotScan.create([unit(8, 1), unit(12, 2)])).toBeNull();
    expect(DotScan.create([unit(6, 1)])).toBeNull();
  });
});
