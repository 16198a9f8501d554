/**
 * PDQ against the reference's own test set: per image, our quality and our distance to the reference
 * hashes (its Python/C++ test and its WebAssembly test), the edited copies against the original, the
 * dihedral set against the reference's hashes of rotated and mirrored files, and the spread of
 * distances between unrelated photos.
 * npm run bench:pdq-accuracy [-- DIR]   (DIR holds images/ and expected-hashes.json; default
 * test/fixtures/pdq, or ../shared/pdq for the full set where it exists)
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { hamming, pdqFromHex } from '../src/banks/hamming';
import { pdqDihedralFromPixels, pdqFromPixels, PdqHash } from '../src/banks/pdq';
import { ImageCodec } from '../src/media/image-codec';

const dir = process.argv[2] ?? path.join(__dirname, '..', 'test', 'fixtures', 'pdq');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected-hashes.json'), 'utf8')) as Record<'reference_python_cpp' | 'reference_wasm', Record<string, string>>;
const codec = new ImageCodec();

async function hashFile(rel: string): Promise<PdqHash | null> {
  const file = path.join(dir, 'images', rel);
  if (!existsSync(file)) return null;
  return pdqFromPixels(await codec.pixels(readFileSync(file), 1e9));
}

const dist = (a: PdqHash, hex: string | undefined) => (hex ? String(hamming(a.hash, pdqFromHex(hex))) : '-');
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `n=${s.length} min=${s[0]} median=${s[s.length >> 1]} max=${s[s.length - 1]}`;
};

async function main() {
  const names = [...new Set([...Object.keys(expected.reference_python_cpp), ...Object.keys(expected.reference_wasm)])].sort();
  const ours = new Map<string, PdqHash>();
  console.log(['image'.padEnd(46), 'quality', 'd(python/cpp)', 'd(wasm)'].join('  '));
  for (const n of names) {
    const h = await hashFile(n);
    if (!h) continue;
    ours.set(n, h);
    console.log([n.padEnd(46), String(h.quality).padStart(7), dist(h, expected.reference_python_cpp[n]).padStart(13), dist(h, expected.reference_wasm[n]).padStart(7)].join('  '));
  }
  const orig = ours.get('bridge-mods/aaa-orig.jpg') ?? ours.get('reg-test-input/dih/bridge-1-original.jpg');
  if (orig) {
    const mods = [...ours].filter(([n]) => n.startsWith('bridge-mods/') && !n.endsWith('aaa-orig.jpg'));
    console.log('\nedited copies vs our hash of the original:', mods.map(([n, h]) => `${path.basename(n, '.jpg')} ${hamming(h.hash, orig.hash)}`).join(', '));
  }
  const dihFile = path.join(dir, 'images', 'reg-test-input/dih/bridge-1-original.jpg');
  if (existsSync(dihFile)) {
    const d = pdqDihedralFromPixels(await codec.pixels(readFileSync(dihFile), 1e9));
    const files: Record<string, string> = { rotate90: '2-rotate-90', rotate180: '3-rotate-180', rotate270: '4-rotate-270', flipX: '5-flipx', flipY: '6-flipy', flipPlus1: '7-flip-plus-1', flipMinus1: '8-flip-minus-1' };
    console.log('dihedral of the original vs reference hash of the transformed file:', Object.entries(files).map(([k, f]) => `${k} ${dist(d[k as keyof typeof d], expected.reference_python_cpp[`reg-test-input/dih/bridge-${f}.jpg`])}`).join(', '));
  }
  const photos = [...ours].filter(([n]) => n.includes('labelme-subset'));
  const pairs: number[] = [];
  const good: number[] = [];
  for (let i = 0; i < photos.length; i++) {
    for (let j = i + 1; j < photos.length; j++) {
      const d = hamming(photos[i][1].hash, photos[j][1].hash);
      pairs.push(d);
      if (photos[i][1].quality >= 50 && photos[j][1].quality >= 50) good.push(d);
    }
  }
  if (pairs.length) console.log(`unrelated photos (labelme-subset), pairwise: all ${stats(pairs)}; both quality >= 50 ${stats(good)}`);
}

void main();
