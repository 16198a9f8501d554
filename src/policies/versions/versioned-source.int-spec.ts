import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JsonlPolicyVersionStore } from './jsonl-version-store';
import { DeferredPolicyAuditSink, PolicyAuditEntry } from './policy-audit';
import { textSha, VersionedPolicySource } from './versioned-source';

const doc = (name: string, flag: number) => `version: 1\nname: ${name}\npolicies:\n  - id: ${name}-p\n    description: d\n    prompts: [x]\n    scoring: similarity\n    severity: low\n    thresholds: { flag: ${flag} }\n`;

describe('VersionedPolicySource with the JSON-lines store', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-versions-'));
    file = path.join(dir, 'policy-versions.jsonl');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function source() {
    const store = new JsonlPolicyVersionStore(file);
    const audit = new DeferredPolicyAuditSink();
    return { store, audit, src: new VersionedPolicySource(store, audit) };
  }

  it('imports files once, serves the active version, and a changed file wins', async () => {
    const { store, src, audit } = source();
    expect(await src.resolve([{ name: 'a.yaml', text: doc('a', 0.1) }])).toEqual([{ name: 'a.yaml', text: doc('a', 0.1) }]);
    await src.resolve([{ name: 'a.yaml', text: doc('a', 0.1) }]); // unchanged: no new version
    expect((await store.versions('a')).map((v) => [v.version, v.source, v.author])).toEqual([[1, 'file', 'file:a.yaml']]);
    expect(audit.pending).toBe(2); // version_created + activated, buffered until bound

    // An API version becomes active and is served while the file is unchanged.
    const v2 = await store.appendVersion({ id: 'v2', name: 'a', text: doc('a', 0.2), sha: 'x', file: 'a.yaml', source: 'api', author: 'ann', comment: null, createdAt: new Date().toISOString(), diff: '' });
    await store.appendActivation({ name: 'a', versionId: v2.id, actor: 'ann', at: new Date().toISOString(), comment: null });
    expect(await src.resolve([{ name: 'a.yaml', text: doc('a', 0.1) }])).toEqual([{ name: 'a.yaml', text: doc('a', 0.2) }]);

    // The file changes: imported as version 3 and served.
    const out = await src.resolve([{ name: 'a.yaml', text: doc('a', 0.3) }]);
    expect(out).toEqual([{ name: 'a.yaml', text: doc('a', 0.3) }]);
    const versions = await store.versions('a');
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(versions[2].diff).toContain('-    thresholds: { flag: 0.2 }\n+    thresholds: { flag: 0.3 }');

    // Durable: a new store on the same file sees the same history and activation.
    const again = new JsonlPolicyVersionStore(file);
    expect((await again.active('a'))!.version.version).toBe(3);
    const entries: PolicyAuditEntry[] = [];
    await audit.bind({ record: async (e) => void entries.push(e) });
    expect(entries.map((e) => e.action)).toEqual(['policy_set.version_created', 'policy_set.activated', 'policy_set.version_created', 'policy_set.activated']);
  });

  it('a file-only document disappears with its file; an API-activated one stays', async () => {
    const { store, src } = source();
    await src.resolve([{ name: 'a.yaml', text: doc('a', 0.1) }, { name: 'b.yaml', text: doc('b', 0.1) }]);
    const v = await store.appendVersion({ id: 'bx', name: 'b', text: doc('b', 0.5), sha: 'y', file: 'b.yaml', source: 'api', author: 'ann', comment: null, createdAt: new Date().toISOString(), diff: '' });
    await store.appendActivation({ name: 'b', versionId: v.id, actor: 'ann', at: new Date().toISOString(), comment: null });
    expect(await src.resolve([])).toEqual([{ name: 'b.yaml', text: doc('b', 0.5) }]);
  });

  it('a removal stops serving an API document, durably; its activations (with comments) stay listed', async () => {
    const { store, src } = source();
    await src.resolve([{ name: 'a.yaml', text: doc('a', 0.1) }]);
    const v = await store.appendVersion({ id: 'bx', name: 'b', text: doc('b', 0.5), sha: 'y', file: 'b.yaml', source: 'api', author: 'ann', comment: null, createdAt: new Date().toISOString(), diff: '', diffBase: null });
    await store.appendActivation({ name: 'b', versionId: v.id, actor: 'ann', at: new Date().toISOString(), comment: 'trial' });
    await store.appendActivation({ name: 'b', versionId: v.id, actor: 'bob', at: new Date().toISOString(), comment: 'retired', removed: true });
    expect(await store.active('b')).toBeNull();
    expect(await src.resolve([{ name: 'a.yaml', text: doc('a', 0.1) }])).toEqual([{ name: 'a.yaml', text: doc('a', 0.1) }]);
    const again = new JsonlPolicyVersionStore(file);
    expect(await again.active('b')).toBeNull();
    expect((await again.activations('b')).map((a) => [a.actor, a.comment, a.removed ?? false])).toEqual([['ann', 'trial', false], ['bob', 'retired', true]]);
    // A file change is diffed against the version that was served.
    await store.appendActivation({ name: 'a', versionId: (await store.versions('a'))[0].id, actor: 'ann', at: new Date().toISOString(), comment: null });
    await src.resolve([{ name: 'a.yaml', text: doc('a', 0.3) }]);
    expect((await store.versions('a')).at(-1)).toMatchObject({ diffBase: 1, diff: expect.stringContaining('-    thresholds: { flag: 0.1 }\n+    thresholds: { flag: 0.3 }') });
  });

  it("serves a file another replica is importing (its version stored, its activation not yet): CI saw a replica start with no policies", async () => {
    const { store, src } = source();
    const text = doc('a', 0.1);
    // The other replica won the unique-version race and has not yet committed its activation.
    await store.appendVersion({ id: 'other', name: 'a', text, sha: textSha(text), file: 'a.yaml', source: 'file', author: 'file:a.yaml', comment: 'imported from the policy folder', createdAt: new Date().toISOString(), diff: '' });
    expect(await store.active('a')).toBeNull();
    expect(await src.resolve([{ name: 'a.yaml', text }])).toEqual([{ name: 'a.yaml', text }]);
    // Nothing imported twice, nothing activated by the reader.
    expect((await store.versions('a')).length).toBe(1);
    expect(await store.activations('a')).toEqual([]);
  });

  it('activates a file version its importer stored and never activated (the importer died between the two writes)', async () => {
    const { store, src, audit } = source();
    const text = doc('a', 0.1);
    const longAgo = new Date(Date.now() - 120_000).toISOString();
    await store.appendVersion({ id: 'orphan', name: 'a', text, sha: textSha(text), file: 'a.yaml', source: 'file', author: 'file:a.yaml', comment: 'imported from the policy folder', createdAt: longAgo, diff: '' });
    expect(await src.resolve([{ name: 'a.yaml', text }])).toEqual([{ name: 'a.yaml', text }]);
    expect((await store.active('a'))?.version.id).toBe('orphan');
    expect((await store.activations('a')).map((a) => a.actor)).toEqual(['file:a.yaml']);
    expect((await store.versions('a')).length).toBe(1);
    expect(audit.pending).toBe(1);
    // Served as the active version from now on, without a second activation.
    expect(await src.resolve([{ name: 'a.yaml', text }])).toEqual([{ name: 'a.yaml', text }]);
    expect((await store.activations('a')).length).toBe(1);
  });

  it('a broken file is passed through untouched (its errors surface), duplicate names are rejected', async () => {
    const { store, src } = source();
    const broken = [{ name: 'a.yaml', text: 'version: 1\nname: [' }];
    expect(await src.resolve(broken)).toBe(broken);
    expect(await store.names()).toEqual([]);
    await expect(src.resolve([{ name: 'a.yaml', text: doc('a', 0.1) }, { name: 'b.yaml', text: doc('a', 0.2) }])).rejects.toThrow(/name "a" is also declared by a.yaml/);
  });

  it('ignores a torn last line', async () => {
    fs.writeFileSync(file, JSON.stringify({ type: 'version', id: '1', name: 'a', text: 't', sha: 's', file: 'a.yaml', source: 'file', author: 'x', comment: null, createdAt: '2026-01-01T00:00:00.000Z', diff: '' }) + '\n{"type":"activ');
    const store = new JsonlPolicyVersionStore(file);
    expect((await store.versions('a')).length).toBe(1);
    expect(await store.active('a')).toBeNull();
    await store.appendActivation({ name: 'a', versionId: '1', actor: 'x', at: '2026-01-01T00:00:00.000Z', comment: null });
    expect((await new JsonlPolicyVersionStore(file).active('a'))!.version.id).toBe('1');
  });
});
