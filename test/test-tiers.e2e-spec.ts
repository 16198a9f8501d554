import * as fs from 'fs';
import * as path from 'path';

/**
 * The test tiers (docs/development.md): every test file belongs to exactly one jest project, each
 * tier has its npm script, `npm test` runs them all, and the unit and service tiers import nothing
 * that does I/O beyond reading committed files.
 */
const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const projects: { displayName: string; testMatch: string[] }[] = pkg.jest.projects;
const TIERS = ['unit', 'service', 'integration', 'e2e'];

/** jest's testMatch globs as used here: `<rootDir>/`, `**\/` (any folders) and `*` (within a name). */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/^<rootDir>\//, '')
    .split(/(\*\*\/|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

function files(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return ['node_modules', '.cache'].includes(e.name) ? [] : files(rel);
    return [rel];
  });
}

// Anything named like a test, wherever it is: a file no project matches would silently never run.
const TEST_FILES = ['src', 'test', 'training', 'scripts', 'bench'].flatMap(files).filter((f) => /spec\.ts$/.test(f));
const tiersOf = (file: string) => projects.filter((p) => p.testMatch.some((g) => globToRegExp(g).test(file))).map((p) => p.displayName);

describe('test tiers', () => {
  it('are the jest projects unit, service, integration and e2e', () => {
    expect(projects.map((p) => p.displayName)).toEqual(TIERS);
  });

  it('every test file is in exactly one tier', () => {
    expect(TEST_FILES.length).toBeGreaterThan(100);
    expect(TEST_FILES.map((f) => [f, tiersOf(f)]).filter(([, t]) => t.length !== 1)).toEqual([]);
  });

  it('every tier holds tests', () => {
    for (const tier of TIERS) expect([tier, TEST_FILES.filter((f) => tiersOf(f)[0] === tier).length > 1]).toEqual([tier, true]);
  });

  it('npm test runs every tier; each tier has a script that takes file arguments', () => {
    expect(pkg.scripts.test).toBe('jest --runInBand');
    for (const tier of TIERS) {
      // --selectProjects takes a list: a flag must follow it, or `npm run test:x -- FILE` would read FILE as a project.
      expect(pkg.scripts[`test:${tier}`]).toBe(`jest --selectProjects ${tier} --runInBand`);
    }
  });

  it('unit and service tests import no database, model runtime, image library, network or process module and write no files', () => {
    const io = /from '(better-sqlite3|pg|onnxruntime-node|sharp|child_process|worker_threads|http|https|net|dgram)'|test\/support\/(databases|clip-tiny-model|service-process|image-server)|\b(writeFileSync|writeFile|mkdtempSync|mkdtemp|rmSync|appendFileSync)\(/;
    const offenders = TEST_FILES.filter((f) => ['unit', 'service'].includes(tiersOf(f)[0])).filter((f) => io.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the glob matching is the one jest uses for these patterns', () => {
    const unit = globToRegExp('<rootDir>/src/**/*.spec.ts');
    expect(['src/a.spec.ts', 'src/x/y/a.spec.ts'].every((f) => unit.test(f))).toBe(true);
    expect(['src/a.int-spec.ts', 'src/a.service-spec.ts', 'test/a.spec.ts', 'src/aspec.ts'].some((f) => unit.test(f))).toBe(false);
    expect(globToRegExp('<rootDir>/test/**/*.e2e-spec.ts').test('test/x.e2e-spec.ts')).toBe(true);
  });
});
