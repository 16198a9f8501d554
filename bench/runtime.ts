import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './options';
import { ServiceRuntime } from './service';

export interface NamedRuntime extends ServiceRuntime {
  /** `process.version` of nodeBin. */
  version: string;
}

/** The Node.js running the bench, in this tree. */
export function currentRuntime(): NamedRuntime {
  return { nodeBin: process.execPath, root: ROOT, version: process.version };
}

/**
 * `--node PATH`: a copy of this tree (dist/ included, so build first) under .cache/bench-node-<version>
 * with its dependencies installed by and for that Node (scripts/node-tree.sh; better-sqlite3 is
 * compiled per Node ABI, so the service cannot share this tree's node_modules with another major).
 */
export function prepareRuntime(nodeBin: string): NamedRuntime {
  const bin = path.resolve(nodeBin);
  if (!fs.existsSync(bin)) throw new Error(`--node ${nodeBin}: no such file`);
  const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  const root = path.join(ROOT, '.cache', `bench-node-${version}`);
  execFileSync(path.join(ROOT, 'scripts', 'node-tree.sh'), [bin, root], { stdio: 'inherit' });
  return { nodeBin: bin, root, version };
}
