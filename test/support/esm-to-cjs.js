/**
 * Jest transform for the few dependencies published as ES modules only (@nestjs/terminus 12).
 * Node (>= 20.19, 22.12) loads them with require(); Jest's module system does not, so in tests
 * they are rewritten to CommonJS, import.meta included.
 */
const crypto = require('crypto');
const fs = require('fs');
const ts = require('typescript');

const SELF = fs.readFileSync(__filename);

module.exports = {
  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update(SELF).update(filename).update(source).digest('hex');
  },
  process(source, filename) {
    const cjs = source
      // CommonJS has its own require.
      .replace(/^const require = createRequire\(import\.meta\.url\);$/m, '')
      .replace(/\bimport\.meta\.url\b/g, "require('url').pathToFileURL(__filename).href")
      .replace(/\bimport\.meta\.dirname\b/g, '__dirname')
      .replace(/\bimport\.meta\.resolve\(/g, 'require.resolve(');
    const out = ts.transpileModule(cjs, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true, esModuleInterop: true },
    });
    return { code: out.outputText };
  },
};
