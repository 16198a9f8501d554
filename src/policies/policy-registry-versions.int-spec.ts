import { Logger } from '@nestjs/common';
import { mkdir, mkdtemp, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import * as path from 'path';
import { FakeEmbedder } from '../../test/support/fake-embedder';
import { exampleResolver } from './example-resolver';
import { PolicyFileSource } from './policy-file-source';
import { PolicyRegistry } from './policy-registry.service';
import { JsonlPolicyVersionStore } from './versions/jsonl-version-store';
import { DeferredPolicyAuditSink } from './versions/policy-audit';
import { VersionedPolicySource } from './versions/versioned-source';

const doc = (flag: number, extra = '') =>
  `version: 1\nname: main\npolicies:\n  - id: weapons\n    description: w\n    prompts: [a gun]\n    scoring: similarity\n    severity: high\n    thresholds: { flag: ${flag} }\n${extra}`;

let dir: string;
beforeAll(() => Logger.overrideLogger(false));
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'policies-v-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function registry(opts: { examples?: boolean; syncSeconds?: number } = {}) {
  const store = new JsonlPolicyVersionStore(path.join(dir, 'data', 'versions.jsonl'));
  const files = new PolicyFileSource();
  const fakeClip = { embedImage: async ({ data }: { data: Buffer }) => ({ embedding: Float32Array.from({ length: 64 }, (_, i) => (i === data[0] % 64 ? 1 : 0)) }) };
  const r = new PolicyRegistry(
    { dir, watch: false, similarityWarnBound: 0.9, syncSeconds: opts.syncSeconds },
    files,
    new FakeEmbedder(),
    new VersionedPolicySource(store, new DeferredPolicyAuditSink()),
    opts.examples ? exampleResolver(dir, files, fakeClip as never, null) : undefined,
  );
  return { r, store };
}

describe('PolicyRegistry with kept versions', () => {
  it('serves the active stored version; reloadStrict reports the set it swapped in', async () => {
    await writeFile(path.join(dir, 'main.yaml'), doc(0.3));
    const { r, store } = registry();
    await r.onModuleInit();
    expect(r.current().policies[0].thresholds).toEqual({ flag: 0.3 });
    const v = await store.appendVersion({ id: 'x', name: 'main', text: doc(0.7), sha: 's', file: 'main.yaml', source: 'api', author: 'a', comment: null, createdAt: new Date().toISOString(), diff: '' });
    await store.appendActivation({ name: 'main', versionId: v.id, actor: 'a', at: new Date().toISOString(), comment: null });
    const set = await r.reloadStrict();
    expect(set.policies[0].thresholds).toEqual({ flag: 0.7 });
    expect(r.currentFiles()).toEqual([{ name: 'main.yaml', text: doc(0.7) }]);
  });

  it('reloadStrict throws the reason when the new files are invalid, keeping the last good set', async () => {
    await writeFile(path.join(dir, 'main.yaml'), doc(0.3));
    const { r } = registry();
    await r.onModuleInit();
    const before = r.current();
    await writeFile(path.join(dir, 'main.yaml'), doc(0.3).replace('id: weapons', 'id: Weapons'));
    await expect(r.reloadStrict()).rejects.toThrow(/main.yaml:4:\d+ policies\[0\]\.id: must be a lowercase slug/);
    expect(r.current()).toBe(before);
  });

  it('compile() checks drafts like a reload without touching the active set, examples included', async () => {
    await mkdir(path.join(dir, 'examples'));
    await writeFile(path.join(dir, 'examples', 'a.png'), Buffer.from([5]));
    await writeFile(path.join(dir, 'main.yaml'), doc(0.3));
    const { r } = registry({ examples: true });
    await r.onModuleInit();
    const before = r.current();
    const withExamples = doc(0.3, '    examples: [examples/a.png]\n    example_thresholds: { block: 0.9 }\n');
    const set = await r.compile([{ name: 'main.yaml', text: withExamples }]);
    expect(set.policies[0].examples![0].vector[5]).toBe(1);
    await expect(r.compile([{ name: 'main.yaml', text: withExamples.replace('a.png', 'b.png') }])).rejects.toThrow(/example "examples\/b.png": file not found/);
    await writeFile(path.join(tmpdir(), 'outside.png'), Buffer.from([1]));
    await expect(r.compile([{ name: 'main.yaml', text: withExamples.replace('examples/a.png', 'examples/../../outside.png') }])).rejects.toThrow(/must be a path inside the policy folder/);
    const { symlink } = await import('fs/promises');
    await symlink(path.join(tmpdir(), 'outside.png'), path.join(dir, 'examples', 'link.png'));
    await expect(r.compile([{ name: 'main.yaml', text: withExamples.replace('a.png', 'link.png') }])).rejects.toThrow(/example "examples\/link.png": is outside the policy folder/);
    expect(r.current()).toBe(before);
  });

  it('with syncSeconds, re-reads the kept versions periodically (another replica may activate one) until destroyed', async () => {
    await writeFile(path.join(dir, 'main.yaml'), doc(0.3));
    const { r } = registry({ syncSeconds: 5 });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      await r.onModuleInit();
      const reload = jest.spyOn(r, 'reload').mockResolvedValue(undefined);
      // Async advances: a re-read ends before the next tick (re-reads never overlap).
      await jest.advanceTimersByTimeAsync(4999);
      expect(reload).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(1);
      expect(reload).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(10_000);
      expect(reload).toHaveBeenCalledTimes(3);
      await r.onModuleDestroy();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(reload).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('PolicyRegistry periodic re-read with a broken file', () => {
  it('reports a failure once, not on every tick, and recovers when the file is fixed', async () => {
    await writeFile(path.join(dir, 'main.yaml'), doc(0.3));
    const { r } = registry({ syncSeconds: 5 });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    // The tick started a reload; wait for it (and any queued one) to finish.
    const settle = () => r.idle();
    try {
      await r.onModuleInit();
      const events: string[] = [];
      r.onReload((e) => events.push(e.ok ? 'ok' : 'failed'));
      await writeFile(path.join(dir, 'main.yaml'), doc(0.3).replace('id: weapons', 'id: Weapons'));
      for (let tick = 0; tick < 3; tick++) {
        jest.advanceTimersByTime(5000);
        await settle();
      }
      expect(events).toEqual(['failed']);
      expect(r.reloadErrors).toBe(1);
      await writeFile(path.join(dir, 'main.yaml'), doc(0.5));
      jest.advanceTimersByTime(5000);
      await settle();
      expect(events).toEqual(['failed', 'ok']);
      expect(r.current().policies[0].thresholds).toEqual({ flag: 0.5 });
    } finally {
      await r.onModuleDestroy();
      jest.useRealTimers();
    }
  });
});

describe('VersionedPolicySource: replicas importing the same file at once', () => {
  it('the loser of the race finds the version already stored and carries on', async () => {
    const store = new JsonlPolicyVersionStore(path.join(dir, 'v.jsonl'));
    const src = new VersionedPolicySource(store, new DeferredPolicyAuditSink());
    const real = store.appendVersion.bind(store);
    let raced = false;
    // The other replica stores the identical import first; ours then fails like a unique-key conflict.
    store.appendVersion = async (v, within) => {
      if (!raced) {
        raced = true;
        await real({ ...v, id: 'other-replica' });
        throw new Error('UNIQUE constraint failed: policy_versions.name, policy_versions.version');
      }
      return real(v, within);
    };
    const files = [{ name: 'main.yaml', text: doc(0.3) }];
    // The winner's activation is not ours to write, but its file is served meanwhile: an empty set
    // here made a replica's start-up fail ("no policy files") in CI's multi-instance test.
    expect(await src.resolve(files)).toEqual(files);
    expect(await store.activations('main')).toEqual([]);
    expect((await store.versions('main')).map((v) => v.id)).toEqual(['other-replica']);
    // A different failure with no matching version is not swallowed.
    store.appendVersion = async () => {
      throw new Error('disk full');
    };
    await expect(src.resolve([{ name: 'main.yaml', text: doc(0.4) }])).rejects.toThrow(/disk full/);
  });
});
