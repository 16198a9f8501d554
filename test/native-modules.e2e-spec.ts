import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const SCRIPT = path.join(ROOT, 'scripts', 'check-native.js');
const pkg = require(path.join(ROOT, 'package.json')) as { scripts: Record<string, string> };

function checkNative(nodeArgs: string[] = []) {
  return spawnSync(process.execPath, [...nodeArgs, SCRIPT], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, npm_config_nodedir: '' } });
}

// A green `npm ci` used to leave better-sqlite3 unloadable on a newer Node (built against another
// Node's headers): every install and start now ends with this check, which must fail loudly.
describe('npm run check:native (after every install, before npm start)', () => {
  it('is wired into install and start', () => {
    expect(pkg.scripts.postinstall).toContain('scripts/check-native.js');
    expect(pkg.scripts.prestart).toContain('scripts/check-native.js');
    expect(pkg.scripts.preserve).toContain('scripts/check-native.js');
  });

  it('loads better-sqlite3, sharp and onnxruntime-node on the running Node', () => {
    const r = checkNative();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`load on Node.js ${process.version} (NODE_MODULE_VERSION ${process.versions.modules})`);
  });

  it('exits non-zero naming every module that cannot load, with the error and a fix', () => {
    // --no-addons: this very Node refuses every native module, as it refuses one built for another ABI.
    const r = checkNative(['--no-addons']);
    expect(r.status).toBe(1);
    for (const name of ['better-sqlite3', 'sharp', 'onnxruntime-node']) {
      expect(r.stderr).toContain(`check-native: ${name} does not load on Node.js ${process.version}`);
    }
    expect(r.stderr).toMatch(/addons/i);
    expect(r.stderr).toContain('Fix:');
    expect(r.stdout).not.toContain('load on Node.js');
  });
});
