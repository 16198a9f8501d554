import Ajv, { ValidateFunction } from 'ajv';
import { isAlias, LineCounter, parseDocument, visit } from 'yaml';
import { documentShapeProblem } from './document-limits';
import { Thresholds } from '../decisions/decision.types';
import { POLICY_SET_SCHEMA } from './policy-schema';
import { PolicyDoc, PolicyIssue, PolicySetDoc, ResolvedPolicy, SourcePos } from './policy.types';
import { ajvIssue, formatPath, Segment, YamlLocator } from './yaml-positions';

export interface ParsedFile {
  file: string;
  doc: PolicySetDoc | null;
  policies: ResolvedPolicy[];
  issues: PolicyIssue[];
  /** Well-formed example references with their positions, also when the document has other errors. */
  exampleRefs: ExampleRef[];
}

export interface ExampleRef {
  ref: string;
  pos: SourcePos;
}

let validator: ValidateFunction | null = null;
function schemaValidator(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(POLICY_SET_SCHEMA);
  return validator;
}

/** CLIP's tokenizer lower-cases and collapses whitespace, so these prompts embed identically. */
const promptKey = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

const LEVELS = ['flag', 'blur', 'block'] as const;

/**
 * Parses and validates one policy-set document (YAML or JSON). Issues carry 1-based
 * line/column. Syntax errors stop here; schema errors do not: the semantic checks (threshold
 * order, duplicates, example references) run on every part whose shape is right, so an author
 * sees every error of the document at once.
 */
export function parsePolicyText(text: string, file: string): ParsedFile {
  const shape = documentShapeProblem(text);
  if (shape) return { file, doc: null, policies: [], exampleRefs: [], issues: [{ file, line: shape.line, column: shape.column, path: '', level: 'error', message: shape.message }] };
  const lines = new LineCounter();
  // logLevel: the library would print its warnings (e.g. a mapping used as a key) to the service's stderr.
  const yaml = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const loc = new YamlLocator(file, yaml, lines);
  const issues: PolicyIssue[] = [];
  const fail = () => ({ file, doc: null, policies: [], exampleRefs: [], issues });

  for (const e of yaml.errors) issues.push({ ...loc.at(e.pos[0]), level: 'error', message: firstLine(e.message) });
  for (const w of yaml.warnings) issues.push({ ...loc.at(w.pos[0]), level: 'warning', message: firstLine(w.message) });
  if (yaml.errors.length) return fail();

  let data: unknown;
  try {
    data = yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // The library refuses alias expansion past maxAliasCount (a "billion laughs" document) and unresolved aliases.
    issues.push({ ...loc.at(firstAliasOffset(yaml)), level: 'error', message: aliasMessage(e) });
    return fail();
  }
  if (data === null || data === undefined) {
    issues.push({ ...loc.at(0), level: 'error', message: 'empty document: expected a policy set (version, name, policies)' });
    return fail();
  }
  const validate = schemaValidator();
  const shaped = validate(data);
  if (!shaped) {
    const seen = new Set<string>();
    for (const err of validate.errors ?? []) {
      const issue = ajvIssue(err, data, loc);
      const key = `${issue.path}|${issue.message}`;
      if (!seen.has(key)) issues.push(issue);
      seen.add(key);
    }
    if (!isObj(data)) return fail();
  }
  const doc = data as PolicySetDoc;
  const exampleRefs: ExampleRef[] = [];
  const resolved = resolve(doc, loc, issues, exampleRefs);
  const ok = shaped && !issues.some((i) => i.level === 'error');
  // Policies of a misshapen document are not built (their fields may have any type).
  return { file, doc: ok ? doc : null, policies: shaped ? resolved : [], issues, exampleRefs };
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** A list field as the checks see it: wrong-typed items become null (skipped), so indices stay positions. */
const strings = (v: unknown): (string | null)[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : null)) : []);
const present = (v: unknown): string[] => strings(v).filter((x): x is string => x !== null);

/**
 * Whether a document can be processed at all: within the size and shape limits
 * (document-limits.ts) and without alias expansion past the library's guard. The API refuses such
 * a document up front (413 or 422) instead of reporting it as one more validation error.
 */
export function unprocessable(text: string, file: string): (PolicyIssue & { size: boolean }) | null {
  const shape = documentShapeProblem(text);
  if (shape) return { file, line: shape.line, column: shape.column, path: '', level: 'error', message: shape.message, size: shape.size };
  const lines = new LineCounter();
  const yaml = parseDocument(text, { lineCounter: lines, prettyErrors: false, logLevel: 'error' });
  if (yaml.errors.length) return null; // syntax errors are ordinary validation errors
  try {
    yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return null;
  } catch (e) {
    return { ...new YamlLocator(file, yaml, lines).at(firstAliasOffset(yaml)), level: 'error', message: aliasMessage(e), size: false };
  }
}

/** The library's reason (an unresolved alias, or expansion past maxAliasCount), with our limit where it applies. */
function aliasMessage(e: unknown): string {
  const reason = firstLine(String((e as Error)?.message ?? e));
  return /excessive alias count/i.test(reason) ? `${reason}: aliases expand to too many nodes (at most ${MAX_ALIAS_COUNT} alias uses)` : reason;
}

/** Each alias use counts its target's size; a policy set has no reason for more than a few. */
const MAX_ALIAS_COUNT = 100;

function firstAliasOffset(doc: ReturnType<typeof parseDocument>): number {
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node)) offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

/**
 * Semantic checks and defaults. The document may have failed the schema: every field is read with
 * its type checked, a wrong-typed field counts as present (the schema already reported it) and the
 * checks that need it are skipped.
 */
function resolve(doc: PolicySetDoc, loc: YamlLocator, issues: PolicyIssue[], exampleRefs: ExampleRef[]): ResolvedPolicy[] {
  const d = (isObj(doc.defaults) ? doc.defaults : {}) as NonNullable<PolicySetDoc['defaults']>;
  const error = (segs: Segment[], message: string, key = false) =>
    issues.push({ ...loc.pos(segs, key), level: 'error', message });
  const warn = (segs: Segment[], message: string) => issues.push({ ...loc.pos(segs), level: 'warning', message });

  checkThresholds(d.thresholds, ['defaults', 'thresholds'], d.scoring, error);
  checkPrompts(strings(d.contrast), ['defaults', 'contrast'], 'contrast prompt', error, warn);
  const firstById = new Map<string, number>();
  const out: ResolvedPolicy[] = [];
  (Array.isArray(doc.policies) ? doc.policies : []).forEach((p: PolicyDoc, i) => {
    if (!isObj(p)) return;
    const at = (...s: Segment[]): Segment[] => ['policies', i, ...s];
    const prev = typeof p.id === 'string' ? firstById.get(p.id) : undefined;
    if (prev !== undefined) {
      const first = loc.pos(['policies', prev, 'id']);
      error(at('id'), `duplicate policy id "${p.id}" (first defined at ${formatPath(['policies', prev])}, line ${first.line})`);
    } else if (typeof p.id === 'string') firstById.set(p.id, i);

    const promptList = strings(p.prompts);
    const exampleList = strings(p.examples);
    const prompts = present(p.prompts);
    const examples = present(p.examples);
    // Prompts of the wrong type or an empty list still count as given: the schema error says what is wrong.
    const exampleOnly = p.prompts === undefined;
    if (exampleOnly && p.examples === undefined) error(at(), 'a policy needs "prompts", "examples" or both');
    // An example-only policy is scored by image-to-image cosine against its example_thresholds.
    const scoring = p.scoring ?? d.scoring ?? (exampleOnly ? 'similarity' : undefined);
    const severity = p.severity ?? d.severity;
    const thresholds = exampleOnly ? p.example_thresholds : (p.thresholds ?? d.thresholds);
    const required: [string, unknown][] = [['scoring', scoring], ['severity', severity]];
    if (!exampleOnly) required.push(['thresholds', thresholds]);
    for (const [field, v] of required) {
      if (v === undefined) error(at(), `missing "${field}": set it on the policy or in "defaults"`);
    }
    if (p.thresholds !== undefined && exampleOnly && examples.length) {
      error(at('thresholds'), 'a policy without prompts is scored by its examples: use "example_thresholds" (image-to-image cosine)');
    }
    checkThresholds(p.thresholds, at('thresholds'), isObj(p.calibration) ? 'softmax' : scoring, error);
    if (p.examples !== undefined && p.example_thresholds === undefined) error(at('examples'), 'examples need "example_thresholds" (image-to-image cosine, e.g. { flag: 0.85 })');
    if (p.example_thresholds !== undefined) {
      if (p.examples === undefined) warn(at('example_thresholds'), 'example_thresholds without examples has no effect');
      checkThresholds(p.example_thresholds, at('example_thresholds'), 'similarity', error);
    }
    exampleList.forEach((ref, j) => {
      if (ref === null) return;
      const problem = exampleRefProblem(ref);
      if (problem) error(at('examples', j), problem);
      else exampleRefs.push({ ref: ref.trim(), pos: loc.pos(at('examples', j)) });
    });
    checkPrompts(exampleList, at('examples'), 'example', error, warn);
    if (p.calibration !== undefined) {
      const a = isObj(p.calibration) ? p.calibration.a : undefined;
      if (exampleOnly) error(at('calibration'), 'calibration applies to prompt scores; this policy has no prompts');
      else if (typeof a === 'number' && a <= 0) warn(at('calibration', 'a'), `calibration slope a = ${a} is not positive: higher scores would mean a lower probability`);
    }

    checkPrompts(promptList, at('prompts'), 'prompt', error, warn);
    checkPrompts(strings(p.contrast), at('contrast'), 'contrast prompt', error, warn);
    // Own contrast first, then the file's shared ones; a shared one repeated locally is dropped.
    const contrast: [string, Segment[]][] = strings(p.contrast).flatMap((c, j): [string, Segment[]][] => (c === null ? [] : [[c, at('contrast', j)]]));
    const local = new Set(contrast.map(([c]) => promptKey(c)));
    strings(d.contrast).forEach((c, j) => {
      if (c !== null && !local.has(promptKey(c))) contrast.push([c, ['defaults', 'contrast', j]]);
    });
    const own = new Set(prompts.map(promptKey));
    for (const [c, segs] of contrast) {
      if (own.has(promptKey(c))) warn(segs, `"${c.trim()}" is both a prompt and a contrast prompt of "${p.id}"`);
    }
    if (scoring === undefined || severity === undefined || thresholds === undefined) return;
    out.push({
      id: p.id,
      description: p.description,
      prompts: prompts.map((s) => s.trim()),
      contrast: contrast.map(([c]) => c.trim()),
      templates: p.templates ?? d.templates ?? ['{}'],
      scoring,
      severity,
      thresholds,
      mode: p.mode ?? d.mode ?? 'enforce',
      enabled: p.enabled ?? true,
      examples: examples.map((s) => s.trim()),
      exampleThresholds: p.example_thresholds ?? null,
      calibration: p.calibration ?? null,
      pos: loc.pos(at()),
      promptPos: prompts.map((_, j) => loc.pos(at('prompts', j))),
      contrastPos: contrast.map(([, segs]) => loc.pos(segs)),
      examplePos: examples.map((_, j) => loc.pos(at('examples', j))),
    });
  });
  return out;
}

/** "moderation:<id>" or a relative path that stays inside the policy folder. */
export function exampleRefProblem(ref: string): string | null {
  const r = ref.trim();
  if (r.startsWith('moderation:')) return /^moderation:[A-Za-z0-9_-]{1,64}$/.test(r) ? null : `"${r}" is not a moderation id (moderation:<id>)`;
  if (r.startsWith('/') || /^[A-Za-z]:/.test(r) || r.includes('\\') || r.split('/').some((seg) => seg === '..')) {
    return `example "${r}" must be a path inside the policy folder (no absolute paths, no "..")`;
  }
  return null;
}

function checkThresholds(
  t: unknown,
  path: Segment[],
  scoring: unknown,
  error: (segs: Segment[], message: string, key?: boolean) => void,
): void {
  if (!isObj(t)) return;
  const present = LEVELS.filter((l) => typeof t[l] === 'number');
  const v = (l: string) => t[l] as number;
  for (let k = 1; k < present.length; k++) {
    const lo = present[k - 1];
    const hi = present[k];
    if (v(lo) > v(hi)) {
      error([...path, hi], `thresholds out of order: ${hi} ${v(hi)} < ${lo} ${v(lo)} (need flag <= blur <= block)`);
    }
  }
  if (scoring === 'softmax') {
    for (const l of present) {
      if (v(l) < 0) error([...path, l], `softmax scores are probabilities: ${l} must be in [0, 1] (got ${v(l)})`);
    }
  }
}

function checkPrompts(
  list: (string | null)[],
  path: Segment[],
  what: string,
  error: (segs: Segment[], message: string) => void,
  warn: (segs: Segment[], message: string) => void,
): void {
  const seen = new Map<string, number>();
  list.forEach((s, j) => {
    if (s === null) return;
    const key = promptKey(s);
    if (!key) return error([...path, j], `${what} is empty`);
    const prev = seen.get(key);
    if (prev !== undefined) warn([...path, j], `duplicate ${what} "${s.trim()}" (same as ${formatPath([...path, prev])})`);
    else seen.set(key, j);
  });
}
