import { readFileSync } from 'fs';
import { configurationDoc, CONFIGURATION_DOC } from '../../scripts/configuration-doc';
import { loadConfig } from './configuration';
import { Env } from './env';
import { SETTINGS } from './settings-catalogue';

/** Runs the configuration loader on `values` and returns every environment name it looked at. */
function namesRead(values: Env): Set<string> {
  const seen = new Set<string>();
  const note = (p: string | symbol) => typeof p === 'string' && seen.add(p);
  const env = new Proxy({ ...values }, {
    get: (t, p) => (note(p), Reflect.get(t, p)),
    has: (t, p) => (note(p), Reflect.has(t, p)),
    getOwnPropertyDescriptor: (t, p) => (note(p), Reflect.getOwnPropertyDescriptor(t, p)),
  });
  loadConfig(env, '/srv/clipguard');
  return seen;
}

// Branches that read more (or other) variables only when a variable is set.
const VARIANTS: Env[] = [
  {},
  {
    API_KEYS: 'ops:0123456789abcdef0123:admin',
    DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
    CLIP_LOGIT_SCALE: '50',
    INSTANCE_ID: 'node-a',
    SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
    SECRETS_KEY_PREVIOUS: Buffer.alloc(32, 8).toString('base64'),
    HOST: '0.0.0.0',
  },
];

describe('settings catalogue (docs/configuration.md is generated from it)', () => {
  const read = new Set(VARIANTS.flatMap((v) => [...namesRead(v)]));
  const catalogued = SETTINGS.map((s) => s.name);

  it('lists every variable the loader reads', () => {
    expect([...read].filter((n) => !catalogued.includes(n)).sort()).toEqual([]);
  });

  it('lists only variables the loader reads', () => {
    expect(catalogued.filter((n) => !read.has(n)).sort()).toEqual([]);
  });

  it('names each variable once, with a default, a meaning and a group', () => {
    expect(catalogued.filter((n, i) => catalogued.indexOf(n) !== i)).toEqual([]);
    for (const s of SETTINGS) expect([s.name, s.group.length > 0, s.default.length > 0, s.meaning.length > 0]).toEqual([s.name, true, true, true]);
  });

  it('the recorder sees reads through every reader of env.ts (a variable it missed would go undocumented)', () => {
    const seen = namesRead({ API_KEYS: 'ops:0123456789abcdef0123:admin' });
    for (const n of ['PORT', 'HOST', 'MODEL_DIR', 'CLIP_ALLOW_SPINNING', 'BLUR_SIGMA', 'POLICY_VERSIONS', 'MEDIA_FORMATS', 'IMAGE_BACKGROUND', 'DATABASE_URL', 'SECRETS_KEY', 'INSTANCE_ID']) expect(seen).toContain(n);
  });

  it('docs/configuration.md is what `npm run docs:config` writes', () => {
    expect(readFileSync(CONFIGURATION_DOC, 'utf8')).toBe(configurationDoc());
  });

  it('the generated page lists every variable in a table row', () => {
    const doc = configurationDoc();
    for (const n of catalogued) expect(doc).toContain(`| \`${n}\` |`);
    expect(configurationDoc(SETTINGS.slice(1))).not.toContain('| `PORT` |');
  });
});
