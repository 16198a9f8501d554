import { parseDocument } from 'yaml';
import { PolicyFile } from '../policy-set';
import { PolicyIssue } from '../policy.types';

/** Issues as the API shows them. */
export const issueView = (i: PolicyIssue) => ({ file: i.file, line: i.line, column: i.column, path: i.path, level: i.level, message: i.message });

/** The `name` a document declares (even when it has other errors), or null when there is none. */
export function documentName(text: string): string | null {
  try {
    const doc = parseDocument(text);
    const name = doc.errors.length ? null : doc.get('name');
    return typeof name === 'string' && name.trim() ? name : null;
  } catch {
    return null;
  }
}

/**
 * The active documents with `name` replaced by `text` (or added, as "<name>.yaml"): what the
 * set would be if this draft went live. Policies of the other documents stay, so softmax
 * competition and duplicate-id checks are the ones production would see.
 */
export function candidateFiles(current: PolicyFile[], name: string, text: string): { files: PolicyFile[]; file: string } {
  const idx = current.findIndex((f) => documentName(f.text) === name);
  if (idx >= 0) {
    const files = current.map((f, i) => (i === idx ? { name: f.name, text } : f));
    return { files, file: current[idx].name };
  }
  let file = `${name}.yaml`;
  while (current.some((f) => f.name === file)) file = `${file.replace(/\.yaml$/, '')}-api.yaml`;
  return { files: [...current, { name: file, text }], file };
}
