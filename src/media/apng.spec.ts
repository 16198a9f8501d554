import { Apng, ApngError, parseApng, PngTruncatedError, renderApng } from './apng';
import { apng as encodeApng } from '../../test/fixtures/hostile/encoders';

/** A 2x1 canvas; frames are given as RGBA pixels and "decoded" by the fake decoder below. */
function anim(frames: { px: number[][]; x?: number; width?: number; dispose?: 0 | 1 | 2; blend?: 0 | 1 }[]): { a: Apng; decode: (png: Buffer, w: number) => Promise<Buffer> } {
  const pixels = new Map<number, Buffer>();
  const a: Apng = {
    width: 2,
    height: 1,
    ihdr: Buffer.alloc(13),
    shared: [],
    frames: frames.map((f, i) => {
      pixels.set(i, Buffer.from(f.px.flat()));
      return { width: f.width ?? 2, height: 1, x: f.x ?? 0, y: 0, dispose: f.dispose ?? 0, blend: f.blend ?? 0, data: [Buffer.from([i])] };
    }),
  };
  // framePng puts frame.data into the IDAT: recover the frame index from it.
  const decode = async (png: Buffer) => pixels.get(png[png.indexOf(Buffer.from('IDAT')) + 4])!;
  return { a, decode };
}

describe('APNG', () => {
  const red = [255, 0, 0, 255];
  const blue = [0, 0, 255, 255];
  const clear = [0, 0, 0, 0];
  const halfGreen = [0, 255, 0, 128];

  it('composites source and over blending, and dispose background / previous', async () => {
    const { a, decode } = anim([
      { px: [red, red] },
      { px: [halfGreen], x: 1, width: 1, blend: 1, dispose: 2 }, // over red, then restored
      { px: [blue], x: 0, width: 1, dispose: 1 }, // source, then cleared
      { px: [clear], x: 1, width: 1, blend: 1 }, // transparent over: no change
    ]);
    const out = await renderApng(a, [0, 1, 2, 3], decode);
    expect([...out.get(0)!]).toEqual([...red, ...red]);
    expect([...out.get(1)!.subarray(4)]).toEqual([127, 128, 0, 255]);
    expect([...out.get(2)!]).toEqual([...blue, ...red]);
    expect([...out.get(3)!]).toEqual([...clear, ...red]);
  });

  it('parses a real APNG and returns null for a plain PNG', () => {
    const px = { data: Buffer.alloc(4 * 4 * 4, 200), width: 4, height: 4 };
    const file = encodeApng([px, px, px]);
    expect(parseApng(file)?.frames.length).toBe(3);
    const plain = Buffer.concat([file.subarray(0, 33), file.subarray(file.indexOf(Buffer.from('IDAT')) - 4)]);
    expect(parseApng(plain)).toBeNull();
  });

  it.each([
    ['frame count mismatch', (f: Buffer) => { const b = Buffer.from(f); b.writeUInt32BE(5, b.indexOf(Buffer.from('acTL')) + 4); return b; }, ApngError, /declares 5 frames/],
    ['frame outside the canvas', (f: Buffer) => { const b = Buffer.from(f); b.writeUInt32BE(3, b.lastIndexOf(Buffer.from('fcTL')) + 16); return b; }, ApngError, /outside/],
    // A cut file is a fault of the PNG, not of its animation.
    ['truncated chunk', (f: Buffer) => f.subarray(0, f.length - 30), PngTruncatedError, /past the end/],
  ])('rejects %s', (_n, damage, type, msg) => {
    const px = { data: Buffer.alloc(4 * 4 * 4, 200), width: 4, height: 4 };
    expect(() => parseApng(damage(encodeApng([px, px, px])))).toThrow(type);
    expect(() => parseApng(damage(encodeApng([px, px, px])))).toThrow(msg);
  });
});
