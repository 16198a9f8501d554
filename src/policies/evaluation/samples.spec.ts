import { samplesFromEntries } from './samples';
import { writeTar } from '../../../test/support/tar-writer';
import { readTar } from './tar-reader';
import { gzipSync } from 'zlib';

const png = Buffer.from('89504e470d0a1a0a', 'hex');
const e = (path: string) => ({ path, data: png });

describe('samplesFromEntries', () => {
  it('labels by the first folder and skips non-images and dot-files', () => {
    const r = samplesFromEntries([e('weapons/a.png'), e('none/b.jpg'), e('none/.c.png'), e('README.md'), e('top.png')]);
    expect(r.samples.map((s) => [s.label, s.name])).toEqual([['none', 'none/b.jpg'], ['weapons', 'weapons/a.png']]);
    expect(r.skipped).toEqual(['none/.c.png', 'README.md', 'top.png']);
  });
  it('strips one common top folder of an archive, even with a README beside the labels', () => {
    const r = samplesFromEntries([e('samples/weapons/a.png'), e('samples/none/b.png'), e('samples/README.md')]);
    expect(r.samples.map((s) => s.label)).toEqual(['none', 'weapons']);
  });
  it('keeps a single label folder as the label', () => {
    expect(samplesFromEntries([e('weapons/a.png'), e('weapons/b.png')]).samples.map((s) => s.label)).toEqual(['weapons', 'weapons']);
  });
});

describe('readTar', () => {
  const entries = [e('samples/weapons/a.png'), { path: 'samples/none/b.png', data: Buffer.alloc(1500, 7) }];
  it('reads what writeTar wrote, plain and gzipped', () => {
    for (const buf of [writeTar(entries), gzipSync(writeTar(entries))]) {
      const out = readTar(buf, { maxFiles: 10, maxBytes: 1e6 });
      expect(out.map((x) => x.path)).toEqual(['samples/weapons/a.png', 'samples/none/b.png']);
      expect(out[1].data.equals(entries[1].data)).toBe(true);
    }
  });
  it('enforces the file and byte limits and rejects non-tar data', () => {
    expect(() => readTar(writeTar(entries), { maxFiles: 1, maxBytes: 1e6 })).toThrow(/more than 1 files/);
    expect(() => readTar(writeTar(entries), { maxFiles: 10, maxBytes: 1000 })).toThrow(/more than 1000 bytes/);
    expect(() => readTar(gzipSync(Buffer.alloc(10_000_000)), { maxFiles: 10, maxBytes: 1000 })).toThrow(/gzip/);
    expect(() => readTar(Buffer.alloc(1024, 65), { maxFiles: 10, maxBytes: 1e6 })).toThrow(/not a tar/);
  });
});
