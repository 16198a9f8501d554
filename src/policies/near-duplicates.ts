import { cosine } from '../decisions/scoring';
import { PolicyEmbedder } from './policy.types';

/**
 * Everyday subjects unrelated to each other and to any moderation category. The cosines between
 * them show how close two prompts of this model sit when they mean different things: a small model
 * can put every text within 0.98 of every other, where an absolute bound would call all of them
 * near-duplicates.
 */
export const NEUTRAL_CAPTIONS: readonly string[] = [
  'a bicycle', 'a cloud', 'a teapot', 'a piano', 'a mountain', 'a book', 'a clock', 'a chair',
  'an umbrella', 'a guitar', 'a tree', 'a boat', 'a key', 'a lamp', 'a shoe', 'a kite',
  'a pencil', 'a bridge', 'a balloon', 'a camera', 'a snowman', 'a rainbow', 'a candle', 'a globe',
  'a ladder', 'a tent', 'a trumpet', 'a basket', 'a bell', 'a cactus', 'the moon', 'the sun',
  'a star', 'a window', 'a door', 'a train', 'a rocket', 'a castle', 'a magnet', 'a feather',
];

/** The quantile of the unrelated-caption cosines taken as "as close as unrelated texts get". */
const QUANTILE = 0.99;
/** A near-duplicate pair is this many times closer (in 1 - cosine) than that quantile. */
const CLOSER_BY = 3;

/** How to ensemble a caption, as the policy's templates ensemble its prompts. */
export type Ensemble = (vectors: Float32Array[]) => Float32Array;

function fill(template: string, text: string): string {
  return template.split('{}').join(text);
}

/**
 * The cosine above which two prompts of different policies count as near-duplicates for this model
 * and these templates: 1 - (1 - q) / CLOSER_BY, where q is the QUANTILE of the cosines between the
 * neutral captions (ensembled over the same templates). Never below `floor`
 * (POLICIES_SIMILARITY_WARN), so a model whose texts spread widely keeps the absolute bound.
 */
export async function nearDuplicateBound(embedder: PolicyEmbedder, templates: string[], ensemble: Ensemble, floor: number): Promise<number> {
  return Math.max(floor, await modelBound(embedder, templates, ensemble));
}

/** Per embedder (one per loaded model) and template list: the captions are embedded once. */
const cache = new WeakMap<PolicyEmbedder, Map<string, Promise<number>>>();

function modelBound(embedder: PolicyEmbedder, templates: string[], ensemble: Ensemble): Promise<number> {
  let byTemplates = cache.get(embedder);
  if (!byTemplates) cache.set(embedder, (byTemplates = new Map()));
  // The model id too: one embedder object could serve another model after a reload.
  const key = JSON.stringify([embedder.model?.id ?? null, templates]);
  let bound = byTemplates.get(key);
  if (!bound) {
    bound = computeBound(embedder, templates, ensemble);
    // A failed embedding is not remembered: the next compile tries again.
    bound.catch(() => byTemplates!.delete(key));
    byTemplates.set(key, bound);
  }
  return bound;
}

async function computeBound(embedder: PolicyEmbedder, templates: string[], ensemble: Ensemble): Promise<number> {
  const texts = NEUTRAL_CAPTIONS.flatMap((c) => templates.map((t) => fill(t, c)));
  const vectors = await embedder.embedTexts(texts);
  const n = templates.length;
  const captions = NEUTRAL_CAPTIONS.map((_, i) => ensemble(vectors.slice(i * n, (i + 1) * n)));
  const cosines: number[] = [];
  for (let i = 0; i < captions.length; i++) for (let j = i + 1; j < captions.length; j++) cosines.push(cosine(captions[i], captions[j]));
  cosines.sort((a, b) => a - b);
  const q = cosines[Math.min(cosines.length - 1, Math.floor(QUANTILE * cosines.length))];
  return 1 - (1 - q) / CLOSER_BY;
}
