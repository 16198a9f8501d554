import { promises as fsp } from 'fs';
import * as path from 'path';
import { NewPolicyVersion, PolicyActivation, PolicyVersion, PolicyVersionStore, WithinTx } from './policy-version.types';

type Line = ({ type: 'version' } & NewPolicyVersion) | ({ type: 'activation' } & PolicyActivation);

/**
 * Policy versions in an append-only JSON-lines file (DATA_DIR/policy-versions.jsonl). Each
 * write is one line appended and fsync'ed before the call returns; a torn last line (a crash
 * mid-write) is ignored on load. Loaded once per process; this process is the only writer.
 */
export class JsonlPolicyVersionStore implements PolicyVersionStore {
  private loaded: Promise<void> | null = null;
  private readonly byName = new Map<string, PolicyVersion[]>();
  private readonly byId = new Map<string, PolicyVersion>();
  private readonly activationLog = new Map<string, PolicyActivation[]>();
  private chain: Promise<unknown> = Promise.resolve();
  /** The file ends in a torn line: start the next append on a fresh line. */
  private torn = false;

  constructor(readonly file: string) {}

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      let text = '';
      try {
        text = await fsp.readFile(this.file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      this.torn = text.length > 0 && !text.endsWith('\n');
      for (const raw of text.split('\n')) {
        if (!raw.trim()) continue;
        let line: Line;
        try {
          line = JSON.parse(raw) as Line;
        } catch {
          continue; // torn write
        }
        this.apply(line);
      }
    })();
    return this.loaded;
  }

  private apply(line: Line): PolicyVersion | null {
    if (line.type === 'activation') {
      const { type: _t, ...a } = line;
      if (this.byId.has(a.versionId)) this.activationLog.set(a.name, [...(this.activationLog.get(a.name) ?? []), a]);
      return null;
    }
    const { type: _t, ...v } = line;
    const list = this.byName.get(v.name) ?? [];
    // Lines written before diffBase existed have none.
    const full: PolicyVersion = { ...v, diffBase: v.diffBase ?? null, version: list.length + 1 };
    list.push(full);
    this.byName.set(v.name, list);
    this.byId.set(v.id, full);
    return full;
  }

  private append(line: Line): Promise<PolicyVersion | null> {
    const run = this.chain.then(async () => {
      await this.load();
      await fsp.mkdir(path.dirname(this.file), { recursive: true });
      const fh = await fsp.open(this.file, 'a');
      try {
        await fh.write((this.torn ? '\n' : '') + JSON.stringify(line) + '\n');
        this.torn = false;
        await fh.datasync();
      } finally {
        await fh.close();
      }
      return this.apply(line);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  async appendVersion(v: NewPolicyVersion, within?: WithinTx): Promise<PolicyVersion> {
    const full = (await this.append({ type: 'version', ...v }))!;
    await within?.(undefined, full);
    return full;
  }

  async appendActivation(a: PolicyActivation, within?: WithinTx): Promise<void> {
    await this.load();
    const v = this.byId.get(a.versionId);
    if (!v) throw new Error(`unknown policy version id ${a.versionId}`);
    await this.append({ type: 'activation', ...a });
    await within?.(undefined, v);
  }

  async versions(name: string): Promise<PolicyVersion[]> {
    await this.load();
    return [...(this.byName.get(name) ?? [])];
  }

  async names(): Promise<string[]> {
    await this.load();
    return [...this.byName.keys()].sort();
  }

  async activations(name: string): Promise<PolicyActivation[]> {
    await this.load();
    return [...(this.activationLog.get(name) ?? [])];
  }

  async active(name: string): Promise<{ version: PolicyVersion; activation: PolicyActivation } | null> {
    await this.load();
    const a = this.activationLog.get(name)?.at(-1);
    return a && !a.removed ? { version: this.byId.get(a.versionId)!, activation: a } : null;
  }
}
