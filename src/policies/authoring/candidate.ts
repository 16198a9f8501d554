import { parsePolicyText } from '../policy-parser';
import { PolicyFile } from '../policy-set';

/** The document name a text declares, or null when it does not parse. */
export function documentName(text: string): string | null {
  return parsePolicyText(text, 'doc.yaml').doc?.name ?? null;
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
