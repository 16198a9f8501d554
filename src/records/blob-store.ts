import * as fs from 'fs';
import * as path from 'path';

/** Where kept images live. A folder today; an object store later implements the same three calls. */
export abstract class BlobStore {
  abstract put(key: string, data: Buffer): Promise<void>;
  /** null when the blob does not exist (deleted by retention). */
  abstract get(key: string): Promise<Buffer | null>;
  abstract delete(key: string): Promise<void>;
  /** Readiness (src/health): throws, saying why, when a kept image could not be written now. */
  abstract probe(): Promise<void>;
}

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

/** Files under <dir>/<key[0..2]>/<key>, written to a temp file, fsynced and renamed: never half a file. */
export class FolderBlobStore extends BlobStore {
  constructor(private readonly dir: string) {
    super();
  }

  private file(key: string): string {
    if (!SAFE_KEY.test(key)) throw new Error(`unsafe blob key "${key}"`);
    return path.join(this.dir, key.slice(0, 2), key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.file(key);
    // Kept images are originals of flagged content: owner-only folders and files (0700, 0600).
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const tmp = `${target}.${process.pid}.tmp`;
    const fh = await fs.promises.open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.promises.rename(tmp, target);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.promises.readFile(this.file(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.file(key), { force: true });
  }

  /** Creates the folder if it is missing (as put does), then writes and removes a small file. */
  async probe(): Promise<void> {
    const probe = path.join(this.dir, `.ready-${process.pid}-${Date.now()}`);
    try {
      await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
      await fs.promises.writeFile(probe, 'ok', { flag: 'wx', mode: 0o600 });
    } catch (e) {
      // The code, not the message: the folder's path is not for public probes.
      throw new Error(`the blob folder is not writable (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    } finally {
      await fs.promises.rm(probe, { force: true }).catch(() => undefined);
    }
  }
}
