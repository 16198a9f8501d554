import { createHash } from 'crypto';
import { ExampleRef, parsePolicyText } from './policy-parser';
import { PolicyIssue, PolicySetSource, ResolvedPolicy } from './policy.types';

export interface PolicyFile {
  /** File name relative to the policy directory (what issues and versions name). */
  name: string;
  text: string;
}

export interface LoadResult {
  set: PolicySetSource | null;
  issues: PolicyIssue[];
  /** Well-formed example references of every file: checked even when the set has other errors. */
  exampleRefs: ExampleRef[];
}

/** sha256 over sorted (name, content) pairs: the same files give the same version anywhere. */
export function policySetVersion(files: PolicyFile[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    h.update(f.name).update('\0').update(f.text).update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

/**
 * The active set is every file merged: each file is a complete policy-set document (its own
 * name and defaults), policy ids are unique across files. Any error anywhere rejects the set,
 * so a half-valid directory never goes live.
 */
export function loadPolicySet(files: PolicyFile[]): LoadResult {
  const issues: PolicyIssue[] = [];
  if (files.length === 0) {
    issues.push({ file: '.', line: 1, column: 1, path: '', level: 'error', message: 'no policy files (*.yaml) found' });
    return { set: null, issues, exampleRefs: [] };
  }
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : 1));
  const names: string[] = [];
  const policies: ResolvedPolicy[] = [];
  const owner = new Map<string, ResolvedPolicy>();
  const exampleRefs: ExampleRef[] = [];
  for (const f of sorted) {
    const parsed = parsePolicyText(f.text, f.name);
    issues.push(...parsed.issues);
    exampleRefs.push(...parsed.exampleRefs);
    if (parsed.doc && !names.includes(parsed.doc.name)) names.push(parsed.doc.name);
    for (const p of parsed.policies) {
      const first = owner.get(p.id);
      if (first && first.pos.file !== p.pos.file) {
        issues.push({
          ...p.pos,
          path: `${p.pos.path}.id`,
          level: 'error',
          message: `duplicate policy id "${p.id}" (also defined at ${first.pos.file}:${first.pos.line}:${first.pos.column})`,
        });
        continue;
      }
      owner.set(p.id, p);
      policies.push(p);
    }
  }
  const enabled = policies.filter((p) => p.enabled);
  if (issues.some((i) => i.level === 'error')) return { set: null, issues, exampleRefs };
  if (enabled.length === 0) {
    issues.push({ file: sorted[0].name, line: 1, column: 1, path: '', level: 'warning', message: 'no enabled policies: every image will be allowed' });
  }
  return {
    set: {
      name: names.join(' + '),
      version: policySetVersion(sorted),
      files: sorted.map((f) => f.name),
      policies,
      warnings: issues.filter((i) => i.level === 'warning'),
    },
    issues,
    exampleRefs,
  };
}
