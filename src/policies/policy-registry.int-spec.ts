import { Logger } from '@nestjs/common';
import { mkdir, mkdtemp, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import * as path from 'path';
import { FakeEmbedder } from '../../test/support/fake-embedder';
import { PolicyFileSource } from './policy-file-source';
import { PolicyRegistry, ReloadEvent } from './policy-registry.service';
import { PolicyEmbedder, PolicyValidationError } from './policy.types';

const doc = (ids: string[], extra = '') => `version: 1
name: test
defaults: { scoring: softmax, severity: high, thresholds: { flag: 0.3, block: 0.8 }, templates: ["an emoji of {}"] }
policies:
${ids.map((id) => `  - id: ${id}\n    description: ${id}\n    prompts: ["a ${id}"]\n`).join('')}${extra}`;

let dir: string;
let registry: PolicyRegistry;

async function start(embedder: PolicyEmbedder = new FakeEmbedder(), watch = true): Promise<PolicyRegistry> {
  registry = new PolicyRegistry({ dir, watch, similarityWarnBound: 0.9, debounceMs: 20 }, new PolicyFileSource(), embedder);
  await registry.onModuleInit();
  return registry;
}

const nextReload = (r: PolicyRegistry) =>
  new Promise<ReloadEvent>((resolve) => {
    const off = r.onReload((e) => {
      off();
      resolve(e);
    });
  });

beforeAll(() => Logger.overrideLogger(false));

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'policies-'));
  await writeFile(path.join(dir, 'a.yaml'), doc(['weapons', 'drugs']));
});

afterEach(async () => {
  registry?.onModuleDestroy();
  await rm(dir, { recursive: true, force: true });
});

describe('PolicyRegistry start-up', () => {
  it('loads and compiles the directory, ignoring sub-directories and non-YAML files', async () => {
    await mkdir(path.join(dir, 'examples'));
    await writeFile(path.join(dir, 'examples', 'x.yaml'), 'not: [valid');
    await writeFile(path.join(dir, 'schema.json'), '{}');
    await writeFile(path.join(dir, 'README.md'), '# hi');
    await writeFile(path.join(dir, '.a.yaml.swp'), 'garbage: [');
    const set = (await start(new FakeEmbedder(), false)).current();
    expect(set.name).toBe('test');
    expect(set.version).toMatch(/^[0-9a-f]{12}$/);
    expect(set.files).toEqual(['a.yaml']);
    expect(set.policies.map((p) => p.id)).toEqual(['weapons', 'drugs']);
    expect(set.policies[0].prompts[0].vector).toHaveLength(64);
  });

  it('logs one summary line for the warnings of a set (the details are for validate)', async () => {
    await writeFile(path.join(dir, 'a.yaml'), doc(['weapons', 'drugs'], '  - id: copy\n    description: copy\n    prompts: ["a weapons", "A weapons"]\n'));
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const set = (await start(new FakeEmbedder(), false)).current();
      expect(set.warnings.length).toBeGreaterThanOrEqual(2); // a duplicate prompt and a near-duplicate of weapons
      expect(warn.mock.calls.map((c) => c[0])).toEqual([`policy set "test" ${set.version}: ${set.warnings.length} warnings; list them with \`npm run policy -- validate <file>\` or POST /v1/policies/validate`]);
    } finally {
      warn.mockRestore();
    }
  });

  it('merges all top-level files; ids must be unique across files', async () => {
    await writeFile(path.join(dir, 'b.yml'), doc(['gambling']).replace('name: test', 'name: extra'));
    const set = (await start(new FakeEmbedder(), false)).current();
    expect(set.name).toBe('test + extra');
    expect(set.policies.map((p) => p.id)).toEqual(['weapons', 'drugs', 'gambling']);

    await writeFile(path.join(dir, 'c.yaml'), doc(['drugs']));
    const fresh = new PolicyRegistry({ dir, watch: false, similarityWarnBound: 0.9 }, new PolicyFileSource(), new FakeEmbedder());
    await expect(fresh.onModuleInit()).rejects.toThrow(/c\.yaml:5:5 policies\[0\]\.id: duplicate policy id "drugs" \(also defined at a\.yaml:8:5\)/);
  });

  it('refuses to start on an invalid file, with file:line:col path: message', async () => {
    await writeFile(path.join(dir, 'a.yaml'), doc(['weapons']).replace('{ flag: 0.3, block: 0.8 }', '{ flag: 0.9, block: 0.8 }'));
    const err = await start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PolicyValidationError);
    expect((err as Error).message).toBe(
      `${dir}/a.yaml:3:79 defaults.thresholds.block: thresholds out of order: block 0.8 < flag 0.9 (need flag <= blur <= block)`,
    );
    expect(() => registry.current()).toThrow(/not loaded/);
  });

  it('refuses to start on an empty directory', async () => {
    await rm(path.join(dir, 'a.yaml'));
    await expect(start()).rejects.toThrow(/no policy files/);
  });
});

describe('PolicyRegistry hot reload', () => {
  it('swaps in a new version when a file changes; a held reference stays the old set', async () => {
    await start();
    const held = registry.current();
    const reloaded = nextReload(registry);
    await writeFile(path.join(dir, 'a.yaml'), doc(['weapons', 'drugs', 'alcohol']));
    const e = await reloaded;
    expect(e).toMatchObject({ ok: true, previousVersion: held.version });
    const now = registry.current();
    expect(now.version).not.toBe(held.version);
    expect(now.policies.map((p) => p.id)).toEqual(['weapons', 'drugs', 'alcohol']);
    expect(held.policies.map((p) => p.id)).toEqual(['weapons', 'drugs']);
  });

  it('picks up a new file in the directory', async () => {
    await start();
    const reloaded = nextReload(registry);
    await writeFile(path.join(dir, 'b.yaml'), doc(['gambling']));
    await reloaded;
    expect(registry.current().files).toEqual(['a.yaml', 'b.yaml']);
  });

  it('an invalid reload keeps the last good set and counts the error', async () => {
    await start();
    const good = registry.current();
    const reloaded = nextReload(registry);
    await writeFile(path.join(dir, 'a.yaml'), doc(['weapons']).replace('description: weapons', 'description: [weapons'));
    const e = await reloaded;
    expect(e).toMatchObject({ ok: false, keptVersion: good.version });
    expect(registry.current()).toBe(good);
    expect(registry.reloadErrors).toBe(1);
    expect(registry.lastReloadError).toContain(`${dir}/a.yaml:`);

    // and a later fix goes live
    const fixed = nextReload(registry);
    await writeFile(path.join(dir, 'a.yaml'), doc(['weapons']));
    expect(await fixed).toMatchObject({ ok: true });
    expect(registry.current().policies.map((p) => p.id)).toEqual(['weapons']);
  });

  it('compiles the new set fully before the swap', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inner = new FakeEmbedder();
    let slow = false;
    const entered: (() => void)[] = [];
    const embedder: PolicyEmbedder = {
      tokenize: (t) => inner.tokenize(t),
      embedTexts: async (texts) => {
        if (slow) {
          entered.forEach((f) => f());
          await gate;
        }
        return inner.embedTexts(texts);
      },
    };
    await start(embedder, false);
    const old = registry.current();
    slow = true;
    await writeFile(path.join(dir, 'a.yaml'), doc(['alcohol']));
    const embedding = new Promise<void>((r) => entered.push(r));
    const reload = registry.reload();
    await embedding;
    expect(registry.current()).toBe(old);
    release();
    await reload;
    expect(registry.current().policies.map((p) => p.id)).toEqual(['alcohol']);
  });

  it('a reload asked for while one compiles runs again afterwards and sees the files written meanwhile (reload and reloadStrict)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inner = new FakeEmbedder();
    let slow = false;
    const entered: (() => void)[] = [];
    const embedder: PolicyEmbedder = {
      tokenize: (t) => inner.tokenize(t),
      embedTexts: async (texts) => {
        if (slow) {
          slow = false;
          entered.forEach((f) => f());
          await gate;
        }
        return inner.embedTexts(texts);
      },
    };
    await start(embedder, false);
    slow = true;
    await writeFile(path.join(dir, 'a.yaml'), doc(['alcohol']));
    const embedding = new Promise<void>((r) => entered.push(r));
    const first = registry.reload();
    await embedding;
    // The running reload read its files already: these are for the next one.
    await writeFile(path.join(dir, 'a.yaml'), doc(['gambling']));
    const second = registry.reload();
    const strict = registry.reloadStrict();
    release();
    await Promise.all([first, second]);
    expect(registry.current().policies.map((p) => p.id)).toEqual(['gambling']);
    expect((await strict).policies.map((p) => p.id)).toEqual(['gambling']);
  });

  it('an unchanged directory does not swap or notify', async () => {
    await start(new FakeEmbedder(), false);
    const before = registry.current();
    const events: ReloadEvent[] = [];
    registry.onReload((e) => events.push(e));
    await registry.reload();
    expect(registry.current()).toBe(before);
    expect(events).toEqual([]);
  });

  it('an embedder failure on reload keeps the old set', async () => {
    const inner = new FakeEmbedder();
    let fail = false;
    await start({ tokenize: (t) => inner.tokenize(t), embedTexts: async (t) => (fail ? Promise.reject(new Error('model gone')) : inner.embedTexts(t)) }, false);
    const good = registry.current();
    fail = true;
    await writeFile(path.join(dir, 'a.yaml'), doc(['alcohol']));
    await registry.reload();
    expect(registry.current()).toBe(good);
    expect(registry.lastReloadError).toBe('model gone');
  });
});
