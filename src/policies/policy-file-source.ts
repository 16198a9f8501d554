import { Injectable } from '@nestjs/common';
import { promises as fsp, watch, FSWatcher } from 'fs';
import * as path from 'path';
import { PolicyFile } from './policy-set';

const POLICY_FILE = /^[^.].*\.ya?ml$/i;

/**
 * The only filesystem edge of the policies feature: lists and reads the top-level policy
 * files of a directory and reports changes. Sub-directories (e.g. examples/), schema.json and
 * README.md are not policy files; dot-files are editor swap/backup files.
 */
@Injectable()
export class PolicyFileSource {
  async readAll(dir: string): Promise<PolicyFile[]> {
    const candidates = (await fsp.readdir(dir)).filter((n) => POLICY_FILE.test(n)).sort();
    // stat (not Dirent) so symlinked files count: Kubernetes ConfigMap volumes are symlinks.
    const isFile = await Promise.all(candidates.map((n) => fsp.stat(path.join(dir, n)).then((s) => s.isFile(), () => false)));
    const names = candidates.filter((_, i) => isFile[i]);
    return Promise.all(names.map(async (name) => ({ name, text: await fsp.readFile(path.join(dir, name), 'utf8') })));
  }

  /**
   * Reads an example image named relative to the policy directory. The reference was checked by
   * the parser (no absolute paths, no ".."); the resolved path is checked again here, symlinks
   * included, so a policy can only point at files under its own folder.
   */
  async readExample(dir: string, rel: string, maxBytes: number): Promise<Buffer | string> {
    try {
      const root = await fsp.realpath(dir);
      const full = await fsp.realpath(path.resolve(root, rel));
      if (!full.startsWith(root + path.sep)) return 'is outside the policy folder';
      const st = await fsp.stat(full);
      if (!st.isFile()) return 'is not a file';
      if (st.size > maxBytes) return `is ${st.size} bytes; examples may be at most ${maxBytes}`;
      return await fsp.readFile(full);
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found in the policy folder' : `cannot be read (${(e as Error).message})`;
    }
  }

  /**
   * Calls `onChange` on any change that may concern a policy file. Renames count, because
   * editors and `kubectl`-style ConfigMap updates replace files atomically by rename.
   */
  watch(dir: string, onChange: () => void, onError: (e: Error) => void): () => void {
    const w: FSWatcher = watch(dir, { persistent: false }, (_event, file) => {
      if (file === null || POLICY_FILE.test(String(file)) || String(file).startsWith('..')) onChange();
    });
    w.on('error', onError);
    return () => w.close();
  }
}
