import { Document, isMap, isPair, isScalar, isSeq, LineCounter, Node } from 'yaml';
import type { ErrorObject } from 'ajv';
import { PolicyIssue, SourcePos } from './policy.types';

export type Segment = string | number;

/** ["policies", 2, "thresholds", "flag"] -> "policies[2].thresholds.flag" */
export function formatPath(segments: Segment[]): string {
  return segments.reduce<string>((acc, s) => {
    if (typeof s === 'number') return `${acc}[${s}]`;
    return acc ? `${acc}.${s}` : s;
  }, '');
}

/** Source positions of a parsed YAML document, by data path. */
export class YamlLocator {
  constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  at(offset: number, path = ''): SourcePos {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col, path };
  }

  /**
   * Position of the node at `segments`; with `key`, of the last segment's map key (for an
   * unknown field). A path that does not exist (a missing field) resolves to the deepest node
   * that does, which is where the author has to add it.
   */
  pos(segments: Segment[], key = false): SourcePos {
    let node: unknown = this.doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === s);
        if (!pair) break;
        const keyNode = pair.key as Node | null;
        const last = i === segments.length - 1;
        if ((last && key) || !pair.value) {
          offset = keyNode?.range?.[0] ?? offset;
          break;
        }
        node = pair.value;
      } else if (isSeq(node) && typeof s === 'number' && node.items[s]) {
        node = node.items[s];
      } else {
        break;
      }
      offset = (node as Node).range?.[0] ?? offset;
    }
    return this.at(offset, formatPath(segments));
  }
}

/** Ajv's instancePath ("/policies/2/id") as segments, numbers where the data is an array. */
export function pointerSegments(pointer: string, data: unknown): Segment[] {
  if (!pointer) return [];
  const out: Segment[] = [];
  let cur: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const s = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const seg: Segment = Array.isArray(cur) && /^\d+$/.test(s) ? Number(s) : s;
    out.push(seg);
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[s] : undefined;
  }
  return out;
}

/** A value quoted in a message, cut short: the value may be a whole subtree of a large document. */
function quote(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v}`;
}

const PATTERN_MESSAGES: Record<string, string> = {
  '^[a-z0-9]+(-[a-z0-9]+)*$': 'must be a lowercase slug (a-z, 0-9, single dashes), e.g. "gore-death"',
  '\\{\\}': 'must contain "{}" where the prompt goes',
};

/** One ajv error as a positioned, author-facing issue. */
export function ajvIssue(err: ErrorObject, data: unknown, loc: YamlLocator): PolicyIssue {
  const segs = pointerSegments(err.instancePath, data);
  const value = segs.reduce<unknown>(
    (v, s) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined),
    data,
  );
  const p = err.params as Record<string, unknown>;
  let where = loc.pos(segs);
  let message = err.message ?? 'is invalid';
  switch (err.keyword) {
    case 'required':
      where = { ...loc.pos(segs), path: formatPath([...segs, String(p.missingProperty)]) };
      message = `missing required field "${p.missingProperty}"`;
      break;
    case 'additionalProperties':
      where = loc.pos([...segs, String(p.additionalProperty)], true);
      message = `unknown field "${p.additionalProperty}"`;
      break;
    case 'type':
      message = `must be ${p.type === 'array' ? 'a list' : p.type === 'object' ? 'a mapping' : `a ${p.type}`}, got ${typeName(value)}`;
      break;
    case 'enum':
      message = `must be one of: ${(p.allowedValues as unknown[]).join(', ')} (got ${quote(value)})`;
      break;
    case 'const':
      message = `must be ${JSON.stringify(p.allowedValue)} (got ${quote(value)})`;
      break;
    case 'pattern':
      message = PATTERN_MESSAGES[String(p.pattern)] ?? message;
      break;
    case 'minItems':
      if (p.limit === 1) message = 'must not be empty';
      break;
    case 'minLength':
      if (p.limit === 1) message = 'must not be empty';
      break;
    case 'minProperties':
      message = 'must set at least one of flag, blur, block';
      break;
  }
  return { ...where, level: 'error', message };
}
