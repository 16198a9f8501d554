import { createHash, randomUUID } from 'crypto';
import { parsePolicyText } from '../policy-parser';
import { PolicyFile } from '../policy-set';
import { PolicyIssue, PolicyValidationError } from '../policy.types';
import { PolicyAuditSink } from './policy-audit';
import { PolicyVersion, PolicyVersionStore } from './policy-version.types';
import { unifiedDiff } from './text-diff';

/** A stored, never-activated file version older than this was abandoned by its importer. */
const ABANDONED_IMPORT_MS = 60_000;

export const textSha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** The document name a file declares, or null when the file does not parse (its errors surface later). */
function declaredName(f: PolicyFile): string | null {
  return parsePolicyText(f.text, f.name).doc?.name ?? null;
}

/**
 * Decides which document texts form the active set when versions are kept:
 *
 * - a policy file whose text differs from the last text imported from that file is imported as a
 *   new version and activated (a deploy that changes a file wins: it is the newest intent);
 * - otherwise the version activated last (through the API, or an earlier import) is served;
 * - a document that only ever came from a file disappears with its file; one activated through
 *   the API stays until another version is activated.
 */
export class VersionedPolicySource {
  constructor(
    private readonly store: PolicyVersionStore,
    private readonly audit: PolicyAuditSink,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async resolve(files: PolicyFile[]): Promise<PolicyFile[]> {
    const names = files.map(declaredName);
    // A broken file: serve the files as they are so the loader reports positioned errors and the
    // last good set stays active. Nothing is imported from a broken directory.
    if (names.some((n) => n === null)) return files;
    const seen = new Map<string, string>();
    const issues: PolicyIssue[] = [];
    files.forEach((f, i) => {
      const other = seen.get(names[i]!);
      if (other) issues.push({ file: f.name, line: 1, column: 1, path: 'name', level: 'error', message: `policy set name "${names[i]}" is also declared by ${other}; names must be unique because versions are kept per name` });
      seen.set(names[i]!, f.name);
    });
    if (issues.length) throw new PolicyValidationError(issues);

    for (let i = 0; i < files.length; i++) await this.importIfChanged(files[i], names[i]!);

    const out: PolicyFile[] = [];
    for (const name of await this.store.names()) {
      const active = await this.store.active(name);
      if (!active) {
        // Never activated, yet on disk: another replica stored this file's version and has not
        // committed its activation yet (the two are separate writes), or died in between. The file
        // is what will be served once it is activated, so serve it now rather than leave it out.
        const onDisk = files[names.indexOf(name)];
        if (onDisk && (await this.store.activations(name)).length === 0) {
          out.push(onDisk);
          await this.completeAbandonedImport(onDisk, name);
        }
        continue;
      }
      if (active.version.source === 'file' && !seen.has(name)) continue;
      out.push({ name: active.version.file, text: active.version.text });
    }
    return out;
  }

  /**
   * An importer that stored a file's version and died before activating it leaves the document
   * never activated. Once the version is older than any import in flight could be, the replica
   * that finds it writes the activation (with its audit entry), so the history says what is served.
   */
  private async completeAbandonedImport(f: PolicyFile, name: string): Promise<void> {
    const sha = textSha(f.text);
    const v = [...(await this.store.versions(name))].reverse().find((x) => x.source === 'file' && x.file === f.name && x.sha === sha);
    if (!v || this.now().getTime() - Date.parse(v.createdAt) < ABANDONED_IMPORT_MS) return;
    const actor = `file:${f.name}`;
    const comment = 'file import (completed: its importer never activated it)';
    await this.store.appendActivation({ name, versionId: v.id, actor, at: this.now().toISOString(), comment }, (exec) =>
      this.audit.record({ actor, action: 'policy_set.activated', entityId: name, before: null, after: activationRef(v, comment) }, exec),
    );
  }

  /**
   * Replicas starting together import the same file change at once: the loser of the race (a
   * unique-version conflict or a busy database) finds the version already there and moves on.
   */
  private async importIfChanged(f: PolicyFile, name: string): Promise<void> {
    try {
      await this.importOnce(f, name);
    } catch (e) {
      const versions = await this.store.versions(name);
      const last = [...versions].reverse().find((v) => v.source === 'file' && v.file === f.name);
      if (last?.sha !== textSha(f.text)) throw e;
    }
  }

  private async importOnce(f: PolicyFile, name: string): Promise<void> {
    const versions = await this.store.versions(name);
    const lastFromFile = [...versions].reverse().find((v) => v.source === 'file' && v.file === f.name);
    const sha = textSha(f.text);
    if (lastFromFile?.sha === sha) return;
    const actor = `file:${f.name}`;
    const before = await this.store.active(name);
    // The change a reader wants to see is against what was served, not the newest stored text.
    const base = before?.version ?? versions[versions.length - 1];
    const v = await this.store.appendVersion({
      id: randomUUID(),
      name,
      text: f.text,
      sha,
      file: f.name,
      source: 'file',
      author: actor,
      comment: lastFromFile ? 'file changed' : 'imported from the policy folder',
      createdAt: this.now().toISOString(),
      diff: unifiedDiff(base?.text ?? '', f.text),
      diffBase: base?.version ?? null,
    }, (exec, full) => this.audit.record({ actor, action: 'policy_set.version_created', entityId: name, before: null, after: versionRef(full) }, exec));
    await this.store.appendActivation({ name, versionId: v.id, actor, at: this.now().toISOString(), comment: 'file import' }, (exec) =>
      this.audit.record({ actor, action: 'policy_set.activated', entityId: name, before: before ? versionRef(before.version) : null, after: activationRef(v, 'file import') }, exec),
    );
  }
}

export function versionRef(v: PolicyVersion): Record<string, unknown> {
  return { version: v.version, sha: v.sha, source: v.source, author: v.author, comment: v.comment };
}

/** An activation's audit record: the version served, and the activation's own comment (the reason). */
export function activationRef(v: PolicyVersion, comment: string | null): Record<string, unknown> {
  return { ...versionRef(v), comment, version_comment: v.comment };
}
