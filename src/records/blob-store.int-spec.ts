import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FolderBlobStore } from './blob-store';

describe('FolderBlobStore', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blobs-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('puts, gets and deletes; a missing blob is null', async () => {
    const s = new FolderBlobStore(dir);
    await s.put('abc123.png', Buffer.from('hello'));
    expect((await s.get('abc123.png'))?.toString()).toBe('hello');
    expect(fs.readdirSync(path.join(dir, 'ab'))).toEqual(['abc123.png']);
    await s.delete('abc123.png');
    expect(await s.get('abc123.png')).toBeNull();
    await s.delete('abc123.png');
  });

  it('creates owner-only files and folders (0600, 0700)', async () => {
    const s = new FolderBlobStore(path.join(dir, 'blobs'));
    await s.put('abc123.png', Buffer.from('hello'));
    const mode = (p: string) => fs.statSync(p).mode & 0o777;
    expect(mode(path.join(dir, 'blobs', 'ab', 'abc123.png'))).toBe(0o600);
    expect(mode(path.join(dir, 'blobs', 'ab'))).toBe(0o700);
    expect(mode(path.join(dir, 'blobs'))).toBe(0o700);
  });

  it('refuses keys that could escape the folder', async () => {
    const s = new FolderBlobStore(dir);
    await expect(s.put('../evil', Buffer.from('x'))).rejects.toThrow(/unsafe/);
    await expect(s.get('a/../../b')).rejects.toThrow(/unsafe/);
  });
});
