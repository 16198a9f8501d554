import { isMap, isPair, isScalar, isSeq, Node, parseDocument } from 'yaml';
import { PlattParams } from '../../decisions/calibration';

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const afterLine = (text: string, at: number) => {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
};

/**
 * Writes `calibration: { method: platt, a, b, fitted }` into a policy-set document for the given
 * policy ids as a text edit: one line added at the end of each policy (or its old calibration
 * line replaced), so comments, quoting and layout elsewhere stay exactly as written and the version
 * diff shows only the calibration.
 */
export function writeCalibration(text: string, fits: Record<string, PlattParams>, fitted: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`the document does not parse: ${doc.errors[0].message}`);
  const policies = doc.get('policies', true);
  if (!isSeq(policies)) throw new Error('the document has no policies list');
  const edits: { from: number; to: number; insert: string }[] = [];
  for (const item of policies.items) {
    if (!isMap(item) || !item.range) continue;
    const fit = fits[String(item.get('id'))];
    if (!fit) continue;
    const line = (indent: string) => `${indent}calibration: { method: platt, a: ${fit.a}, b: ${fit.b}, fitted: ${JSON.stringify(fitted)} }\n`;
    if (item.flow) throw new Error(`policy "${item.get('id')}" is written as a flow mapping; add its calibration by hand`);
    const firstKey = item.items.find(isPair)?.key as Node | undefined;
    const keyStart = firstKey?.range?.[0] ?? item.range[0];
    const indent = ' '.repeat(keyStart - lineStart(text, keyStart));
    const old = item.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'calibration');
    if (old && isPair(old) && (old.key as Node).range && (old.value as Node | null)?.range) {
      const from = lineStart(text, (old.key as Node).range![0]);
      edits.push({ from, to: afterLine(text, (old.value as Node).range![1] - 1), insert: line(indent) });
      continue;
    }
    // End of the policy's own content; trailing comments and blank lines stay after it.
    const end = item.range[1];
    const at = text[end - 1] === '\n' ? end : afterLine(text, end);
    edits.push({ from: at, to: at, insert: (at === text.length && !text.endsWith('\n') ? '\n' : '') + line(indent) });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.insert + out.slice(e.to);
  return out;
}
