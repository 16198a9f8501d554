/**
 * Caption building for the emoji-clip-demo training data. Kept apart from prepare-data.ts so the
 * wording rules (articles, templates, reserved moderation words) are easy to read and change.
 */

export type CaptionKind = 'label' | 'tag' | 'category';
export interface Caption {
  text: string;
  kind: CaptionKind;
}

/** Label as a noun phrase: "flag: Germany" -> "the flag of germany", "keycap: 1" -> "keycap 1". */
export function phrase(label: string): string {
  const l = label.toLowerCase().trim();
  if (l.startsWith('flag: ')) return `the flag of ${l.slice(6)}`;
  return l.replace(/:\s*/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Adds "a"/"an" unless the phrase already has a determiner or its head noun looks plural.
 * The head noun is the last word before " with"/" of"/" and"...: "smiling face with hearts" -> "face".
 */
export function withArticle(p: string): string {
  if (/^(the|a|an|some|two|three|\d)\b/.test(p)) return p;
  const head = p.split(/ (with|of|and|in|on|at|for|from|without|holding|wearing) /)[0].split(' ');
  const noun = head[head.length - 1];
  if (/[^su]s$/.test(noun) || /^(people|men|women|children)$/.test(noun)) return p;
  return /^[aeiou]/.test(p) ? `an ${p}` : `a ${p}`;
}

const LABEL_TEMPLATES = [
  '{a}',
  'an emoji of {a}',
  'a drawing of {a}',
  'an icon of {a}',
  'a picture of {a}',
  '{p} emoji',
  'a cartoon of {a}',
  'clip art of {a}',
  'a sticker of {a}',
];

function fill(t: string, p: string): string {
  return t.replace('{a}', withArticle(p)).replace('{p}', p);
}

/**
 * All captions of one concept. Tags that are reserved for a moderation category (e.g. "smoking" on
 * the no-smoking sign, "alcohol" on a soft drink) are dropped from non-members: otherwise the
 * hard negatives would be trained towards the harmful prompts. Members keep the reserved tags of
 * their own category (`ownReserved`).
 */
export function conceptCaptions(
  label: string,
  tags: string[],
  categoryCaptions: string[],
  reserved: Set<string>,
  ownReserved: Iterable<string> = [],
): Caption[] {
  const out = new Map<string, Caption>();
  const add = (text: string, kind: CaptionKind) => {
    const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
    if (t && !out.has(t)) out.set(t, { text: t, kind });
  };
  const p = phrase(label);
  for (const t of LABEL_TEMPLATES) add(fill(t, p), 'label');
  const own = new Set([...categoryCaptions, ...ownReserved].map((c) => c.toLowerCase()));
  for (const raw of tags) {
    const tag = raw.replace(/_/g, ' ').toLowerCase().trim();
    if (!/^[a-z0-9][a-z0-9 '&.-]*$/.test(tag) || tag === p) continue;
    if (reserved.has(tag) && !own.has(tag)) continue;
    add(tag, 'tag');
    add(`an emoji about ${tag}`, 'tag');
  }
  for (const c of categoryCaptions) add(c, 'category');
  return [...out.values()];
}
