import { prepareDecisions } from '../decisions/decide';
import { cosine } from '../decisions/scoring';
import { nearDuplicateBound } from './near-duplicates';
import { CompiledPolicy, CompiledPrompt } from '../decisions/decision.types';
import {
  CompiledPolicySet,
  ExampleResolver,
  PolicyEmbedder,
  PolicyIssue,
  PolicySetSource,
  PolicyValidationError,
  ResolvedPolicy,
  SourcePos,
} from './policy.types';

export interface CompileOptions {
  /**
   * Floor of the near-duplicate bound (cosine): prompts of different policies warn when closer than
   * this and than the model's own bound (see near-duplicates.ts).
   */
  similarityWarnBound?: number;
  now?: () => Date;
  /** Embeds example images; a set with examples and no resolver is rejected. */
  examples?: ExampleResolver;
}

export function fillTemplate(template: string, prompt: string): string {
  return template.split('{}').join(prompt);
}

function normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}

/** CLIP prompt ensembling: mean of the normalised template embeddings, renormalised. */
export function ensemble(vectors: Float32Array[]): Float32Array {
  const out = new Float32Array(vectors[0].length);
  for (const v of vectors) {
    const u = normalise(Float32Array.from(v));
    for (let i = 0; i < out.length; i++) out[i] += u[i];
  }
  return normalise(out);
}

const fmt = (x: number) => x.toFixed(3);

/**
 * Embeds every (template x prompt) text in one embedder call (it batches and caches), then
 * builds the CompiledPolicy list the decision engine reads. Nothing is swapped in here: a
 * failure throws and the caller keeps its last good set.
 */
export async function compilePolicySet(
  source: PolicySetSource,
  embedder: PolicyEmbedder,
  opts: CompileOptions = {},
): Promise<CompiledPolicySet> {
  const bound = opts.similarityWarnBound ?? 0.9;
  const warnings: PolicyIssue[] = [...source.warnings];
  const active = source.policies.filter((p) => p.enabled);

  const texts = new Set<string>();
  const truncatedWarned = new Set<string>();
  for (const p of active) {
    const all: [string, SourcePos][] = [
      ...p.prompts.map((s, i): [string, SourcePos] => [s, p.promptPos[i]]),
      ...p.contrast.map((s, i): [string, SourcePos] => [s, p.contrastPos[i]]),
    ];
    for (const [s, pos] of all) {
      for (const t of p.templates) {
        const filled = fillTemplate(t, s);
        texts.add(filled);
        if (!truncatedWarned.has(filled) && embedder.tokenize(filled).truncated) {
          truncatedWarned.add(filled);
          warnings.push({ ...pos, level: 'warning', message: `"${filled}" is longer than the text encoder's context and was truncated` });
        }
      }
    }
  }
  const list = [...texts];
  const vectors = list.length ? await embedder.embedTexts(list) : [];
  if (vectors.length !== list.length) throw new Error(`embedder returned ${vectors.length} vectors for ${list.length} texts`);
  const byText = new Map(list.map((t, i) => [t, vectors[i]]));
  const exampleVectors = await resolveExamples(active, opts.examples);
  // One vector per (templates, text): policies sharing a prompt share its vector, which the decision
  // engine then scores once per image (a contrast vocabulary under `defaults` is in every policy).
  const ensembled = new Map<string, Float32Array>();
  const embed = (p: ResolvedPolicy, s: string): CompiledPrompt => {
    const key = JSON.stringify([p.templates, s]);
    let vector = ensembled.get(key);
    if (!vector) ensembled.set(key, (vector = ensemble(p.templates.map((t) => byText.get(fillTemplate(t, s))!))));
    return { text: s, vector };
  };

  const policies: CompiledPolicy[] = active.map((p) => ({
    id: p.id,
    description: p.description,
    severity: p.severity,
    mode: p.mode,
    scoring: p.scoring,
    thresholds: { ...p.thresholds },
    prompts: p.prompts.map((s) => embed(p, s)),
    contrast: p.contrast.map((s) => embed(p, s)),
    ...(p.examples.length
      ? { examples: p.examples.map((ref) => ({ text: ref, vector: exampleVectors.get(ref)! })), exampleThresholds: { ...p.exampleThresholds } }
      : {}),
    ...(p.calibration ? { calibration: { a: p.calibration.a, b: p.calibration.b } } : {}),
  }));
  // The model's bound costs one embedding of the neutral captions (once per model): only when two policies can overlap.
  const overlapPossible = active.filter((p) => p.prompts.length > 0).length > 1;
  const bounds = await Promise.all(active.map((p) => (overlapPossible ? nearDuplicateBound(embedder, p.templates, ensemble, bound) : bound)));
  warnings.push(...overlapWarnings(active, policies, bounds));
  prepareDecisions(policies);
  return {
    name: source.name,
    version: source.version,
    files: source.files,
    policies,
    warnings,
    promptCount: list.length,
    compiledAt: (opts.now?.() ?? new Date()).toISOString(),
    modelId: embedder.model?.id ?? null,
  };
}

/**
 * The errors of example references (a missing file, no stored moderation) of a set that has other
 * errors: reported with them, not after the author fixes those. Nothing to check without a resolver.
 */
export async function exampleRefIssues(refs: { ref: string; pos: SourcePos }[], resolver: ExampleResolver | undefined): Promise<PolicyIssue[]> {
  if (!resolver || !refs.length) return [];
  const unique = [...new Set(refs.map((r) => r.ref))];
  const results = await resolver(unique);
  const problem = new Map(unique.map((ref, i) => [ref, results[i]]));
  return refs.flatMap(({ ref, pos }) => {
    const v = problem.get(ref);
    return typeof v === 'string' ? [{ ...pos, level: 'error' as const, message: `example "${ref}": ${v}` }] : [];
  });
}

/** Embeds every distinct example once; unusable references reject the set with their positions. */
async function resolveExamples(active: ResolvedPolicy[], resolver: ExampleResolver | undefined): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  const refs = [...new Set(active.flatMap((p) => p.examples))];
  if (refs.length === 0) return out;
  const errors: PolicyIssue[] = [];
  const where = (ref: string) => active.flatMap((p) => p.examples.map((r, j) => (r === ref ? p.examplePos[j] : null))).filter((x): x is SourcePos => x !== null);
  if (!resolver) {
    for (const ref of refs) for (const pos of where(ref)) errors.push({ ...pos, level: 'error', message: `example "${ref}": example images cannot be resolved here` });
    throw new PolicyValidationError(errors);
  }
  const vectors = await resolver(refs);
  refs.forEach((ref, i) => {
    const v = vectors[i];
    if (typeof v === 'string') for (const pos of where(ref)) errors.push({ ...pos, level: 'error', message: `example "${ref}": ${v}` });
    else out.set(ref, normalise(Float32Array.from(v)));
  });
  if (errors.length) throw new PolicyValidationError(errors);
  return out;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * Embedding-level smells that the schema cannot see: one warning per pair of policies whose prompts
 * come closer than the near-duplicate bound of both (`bounds`, per policy), at the closest pair (the position points at the later policy's prompt),
 * with the number of such prompt pairs. One line per policy pair: a small model whose text vectors
 * all sit close together would otherwise log hundreds.
 */
export function overlapWarnings(src: ResolvedPolicy[], compiled: CompiledPolicy[], bounds: number[]): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  for (let a = 0; a < compiled.length; a++) {
    for (let b = a + 1; b < compiled.length; b++) {
      const bound = Math.max(bounds[a], bounds[b]);
      let count = 0;
      let best = { c: -Infinity, i: -1, j: -1 };
      compiled[a].prompts.forEach((pa, i) =>
        compiled[b].prompts.forEach((pb, j) => {
          const c = cosine(pa.vector, pb.vector);
          if (c <= bound) return;
          count++;
          if (c > best.c) best = { c, i, j };
        }),
      );
      if (!count) continue;
      const pa = compiled[a].prompts[best.i];
      const pb = compiled[b].prompts[best.j];
      const shown = Number(bound.toFixed(4));
      const others = count > 1 ? ` (${count} prompt pairs of these two policies are above ${shown})` : '';
      out.push({
        ...src[b].promptPos[best.j],
        level: 'warning',
        message: `prompt "${pb.text}" (${compiled[b].id}) is very close to "${pa.text}" (${compiled[a].id}): cosine ${fmt(best.c)} > ${shown}; the policies will compete for the same images${others}`,
      });
    }
  }
  compiled.forEach((p, k) => {
    const n = p.prompts.length;
    if (n < 2 || p.contrast.length === 0) return;
    const within: number[] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) within.push(cosine(p.prompts[i].vector, p.prompts[j].vector));
    const across = p.prompts.flatMap((q) => p.contrast.map((c) => cosine(q.vector, c.vector)));
    if (mean(across) > mean(within)) {
      out.push({
        ...src[k].pos,
        level: 'warning',
        message: `prompts of "${p.id}" are closer to its contrast prompts (mean cosine ${fmt(mean(across))}) than to each other (${fmt(mean(within))}): the policy may not separate violations from look-alikes`,
      });
    }
  });
  return out;
}
