/**
 * Builds the emoji-clip-demo training set: emoji art from eleven styles, run through the service's own
 * ImagePreprocessor (so training sees exactly the tensors serving will), plus captions tokenised with
 * the shipped CLIP tokenizer (so token ids are identical to serving).
 *
 *   npm install --prefix training --ignore-scripts
 *   npx ts-node --transpile-only training/prepare-data.ts
 *
 * Output (git-ignored) in training/data/: images.f32 (float32 [N,3,H,W], memory-mapped by Python),
 * items.jsonl (one line per image), concepts.json (captions + ids), prompts.json (eval prompts).
 */
import * as fs from 'fs';
import * as path from 'path';
import sharp from 'sharp';
import { ImagePreprocessor } from '../src/clip/image-preprocessor';
import { parsePreprocessorConfig } from '../src/clip/preprocessor-config';
import { Caption, conceptCaptions, phrase, withArticle } from './captions';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Tokenizer } = require('@huggingface/tokenizers');

const ROOT = path.resolve(__dirname, '..');
const MODEL = path.join(ROOT, 'models/emoji-clip-demo');
const NM = path.join(__dirname, 'node_modules');
const OUT = path.join(__dirname, 'data');
const SVG_PX = 128; // render SVGs at ~128px so the bicubic downscale to 64 sees real detail
const MAX_LEN: number = JSON.parse(fs.readFileSync(path.join(MODEL, 'tokenizer_config.json'), 'utf8')).model_max_length;

interface Emoji {
  label: string;
  hexcode: string;
  tags?: string[];
  emoji: string;
  group?: number;
  subgroup?: number;
  skins?: Emoji[];
  tone?: number | number[];
}
interface Item {
  hexcode: string;
  concept: string;
  label: string;
  group: number;
  subgroup: number;
  style: string;
  file: string;
}

const readJson = (p: string) => JSON.parse(fs.readFileSync(p, 'utf8'));
/** Same emoji, different spellings across packages: case and the FE0F variation selector. */
const normHex = (h: string) => h.toUpperCase().replace(/-FE0F/g, '').replace(/^FE0F-?/, '');
const kebab = (s: string) => s.toLowerCase().replace(/[’']/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const TONES = ['', 'light', 'medium-light', 'medium', 'medium-dark', 'dark'];

/** Files of a codepoint-named image folder, indexed by normalised hexcode. */
function indexByHex(dir: string, ext: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of fs.readdirSync(dir)) if (f.endsWith(ext)) m.set(normHex(f.slice(0, -ext.length)), path.join(dir, f));
  return m;
}

/**
 * An Iconify JSON emoji set (SVG bodies in one icons.json, named after the CLDR label in kebab case;
 * some sets squash the hyphens, some number their variants "-1", "-2"). Items of these sets carry the
 * file `ICONIFY:<set>#<name>`, which render() turns into a standalone SVG.
 */
interface IconifySet {
  prefix: string;
  width: number;
  height: number;
  icons: Record<string, { body: string; width?: number; height?: number; left?: number; top?: number }>;
  aliases?: Record<string, { parent: string }>;
}
const ICONIFY = 'ICONIFY:';
const iconifySets = new Map<string, IconifySet>();
function loadIconify(prefix: string): IconifySet {
  const set: IconifySet = readJson(path.join(NM, '@iconify-json', prefix, 'icons.json'));
  iconifySets.set(prefix, set);
  return set;
}
function iconifyName(set: IconifySet, candidates: string[]): string | undefined {
  for (const c of candidates) {
    if (set.icons[c]) return c;
    const alias = set.aliases?.[c];
    if (alias && set.icons[alias.parent]) return alias.parent;
  }
  return undefined;
}
/**
 * Each base emoji's icon (its `ICONIFY:` file) in each Iconify set, in two passes. First by the CLDR label (the set's own
 * naming); then, for emoji still without an icon, by the older names emoji-datasource keeps: the
 * Unicode character name and the short names ("DAGGER" / dagger_knife, "SKULL AND CROSSBONES"). Some
 * sets (Firefox OS) name icons that way. An icon already taken in the first pass is not given to a
 * second emoji: "camel" is the CLDR label of U+1F42A and a short name of U+1F42B.
 */
function matchIconify(
  bases: Emoji[],
  sets: Record<string, { set: IconifySet; names: (label: string) => string[] }>,
  oldNames: Map<string, string[]>,
): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [style, { set, names }] of Object.entries(sets)) {
    const byHex = new Map<string, string>();
    for (const b of bases) {
      const n = iconifyName(set, names(b.label));
      if (n) byHex.set(b.hexcode, n);
    }
    const taken = new Set(byHex.values());
    for (const b of bases) {
      if (byHex.has(b.hexcode)) continue;
      const n = iconifyName(set, (oldNames.get(normHex(b.hexcode)) ?? []).flatMap(names));
      if (n && !taken.has(n)) {
        byHex.set(b.hexcode, n);
        taken.add(n);
      }
    }
    out.set(style, new Map([...byHex].map(([h, n]) => [h, `${ICONIFY}${set.prefix}#${n}`])));
  }
  return out;
}
function iconifySvg(ref: string): Buffer {
  const [prefix, name] = ref.slice(ICONIFY.length).split('#');
  const set = iconifySets.get(prefix)!;
  const icon = set.icons[name];
  const w = icon.width ?? set.width ?? 16;
  const h = icon.height ?? set.height ?? 16;
  const box = `${icon.left ?? 0} ${icon.top ?? 0} ${w} ${h}`;
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="${box}" width="${w}" height="${h}">${icon.body}</svg>`);
}

function findImages(
  e: Emoji,
  base: Emoji,
  sources: Map<string, Map<string, string>>,
  fluentDirs: Record<string, string>,
  iconify: Map<string, Map<string, string>>,
) {
  const found: { style: string; file: string }[] = [];
  for (const [style, idx] of sources) {
    const f = idx.get(normHex(e.hexcode));
    if (f) found.push({ style, file: f });
  }
  // Fluent names files after the CLDR label; skin tones are suffixes, the untoned version is "-default".
  const tone = typeof e.tone === 'number' ? TONES[e.tone] : undefined;
  const names = e === base ? [kebab(base.label), `${kebab(base.label)}-default`] : tone ? [`${kebab(base.label)}-${tone}`] : [];
  for (const [style, dir] of Object.entries(fluentDirs)) {
    const hit = names.map((n) => path.join(dir, `${n}.svg`)).find((p) => fs.existsSync(p));
    if (hit) found.push({ style, file: hit });
  }
  // Iconify sets draw base emoji only (no skin-tone variants).
  if (e === base) {
    for (const [style, byHex] of iconify) {
      const file = byHex.get(base.hexcode);
      if (file) found.push({ style, file });
    }
  }
  return found;
}

async function render(file: string): Promise<Buffer> {
  const iconified = file.startsWith(ICONIFY);
  const buf = iconified ? iconifySvg(file) : fs.readFileSync(file);
  if (!iconified && !file.endsWith('.svg')) return buf;
  const meta = await sharp(buf).metadata();
  const density = Math.min(2400, (72 * SVG_PX) / Math.max(meta.width ?? 72, meta.height ?? 72));
  return sharp(buf, { density }).png().toBuffer();
}

async function main() {
  const mod = readJson(path.join(__dirname, 'moderation-concepts.json'));
  const data: Emoji[] = readJson(path.join(NM, 'emojibase-data/en/data.json'));
  const emojilib: Record<string, string[]> = readJson(path.join(NM, 'emojilib/dist/emoji-en-US.json'));
  const byLabel = new Map(data.map((e) => [e.label, e]));

  // Moderation captions per concept hexcode, and the set of words reserved for the categories.
  const catCaptions = new Map<string, string[]>();
  const catReserved = new Map<string, string[]>();
  const categoryOf = new Map<string, string>();
  const reserved = new Set<string>();
  const reserve = (c: string) => [c, c.replace(/^(a|an|the|some) /, '')].forEach((x) => reserved.add(x.toLowerCase()));
  const hex = (label: string) => {
    const e = byLabel.get(label);
    if (!e) throw new Error(`moderation-concepts.json: unknown emojibase label "${label}"`);
    return e.hexcode;
  };
  for (const [name, cat] of Object.entries<any>(mod.categories)) {
    for (const label of cat.members as string[]) {
      const extra: string[] = cat.extra[label] ?? [];
      catCaptions.set(hex(label), [...cat.captions, ...extra]);
      categoryOf.set(hex(label), name);
      catReserved.set(hex(label), cat.reserved_tags ?? []);
      [...cat.captions, ...extra, ...cat.prompts].forEach(reserve);
    }
    (cat.reserved_tags as string[] | undefined)?.forEach(reserve);
  }
  const hardNegatives = new Set((mod.hard_negatives as string[]).map(hex));

  const sources = new Map([
    ['noto', indexByHex(path.join(NM, 'emoji-datasource-google/img/google/64'), '.png')],
    ['openmoji', indexByHex(path.join(NM, 'openmoji/color/svg'), '.svg')],
    // OpenMoji's line-art ("black") set: outline only, no fill; a rendering unlike every colour set.
    ['openmoji-black', indexByHex(path.join(NM, 'openmoji/black/svg'), '.svg')],
    ['twemoji', indexByHex(path.join(NM, 'emoji-datasource-twitter/img/twitter/64'), '.png')],
    // Fluent 3D: glossy, shaded, lit renderings (256 px WebP), the one volumetric style we may train on.
    ['fluent-3d', indexByHex(path.join(NM, '@lobehub/fluent-emoji-3d/assets'), '.webp')],
  ]);
  const fluentDirs = {
    'fluent-flat': path.join(NM, 'fluentui-emoji/icons/flat'),
    'fluent-modern': path.join(NM, 'fluentui-emoji/icons/modern'),
    'fluent-hc': path.join(NM, 'fluentui-emoji/icons/high-contrast'),
  };

  const iconifyStyles = {
    // Noto's first (2013-2017) design: blob faces, different line and shading from today's Noto.
    'noto-v1': { set: loadIconify('noto-v1'), names: (l: string) => [kebab(l)] },
    // Firefox OS emoji: saturated, thick-outlined, no hyphens in the names ("beermug").
    fxemoji: { set: loadIconify('fxemoji'), names: (l: string) => [kebab(l).replace(/-/g, ''), kebab(l)] },
    // Streamline: flat, heavy dark outlines; a few icons exist in numbered variants.
    'streamline-emojis': { set: loadIconify('streamline-emojis'), names: (l: string) => [kebab(l), `${kebab(l)}-1`] },
  };
  // Unicode names and short names by code point, from the (not reserved) Google datasource package.
  const datasource: { unified: string; name: string | null; short_names: string[] }[] = readJson(
    path.join(NM, 'emoji-datasource-google/emoji.json'),
  );
  const oldNames = new Map(datasource.map((d) => [normHex(d.unified), [...(d.name ? [d.name] : []), ...d.short_names]]));
  const bases = data.filter((b) => b.group !== undefined && b.group !== 2);
  const iconify = matchIconify(bases, iconifyStyles, oldNames);

  const tokenizer = new Tokenizer(readJson(path.join(MODEL, 'tokenizer.json')), readJson(path.join(MODEL, 'tokenizer_config.json')));
  const encode = (text: string): number[] | null => {
    const ids: number[] = tokenizer.encode(text).ids;
    return ids.length <= MAX_LEN ? ids : null; // drop, rather than silently truncate, over-long captions
  };

  const items: Item[] = [];
  const concepts: Record<string, unknown> = {};
  for (const base of data) {
    // Group 2 holds skin-tone swatches and hair components, not pictures; regional indicators have no group.
    if (base.group === undefined || base.group === 2) continue;
    const variants = [base, ...(base.skins ?? [])];
    let n = 0;
    for (const e of variants) {
      for (const { style, file } of findImages(e, base, sources, fluentDirs, iconify)) {
        items.push({ hexcode: e.hexcode, concept: base.hexcode, label: e.label, group: base.group, subgroup: base.subgroup ?? -1, style, file });
        n++;
      }
    }
    if (!n) continue;
    const tags = [...(base.tags ?? []), ...(emojilib[base.emoji] ?? emojilib[base.emoji.replace(/\uFE0F/g, '')] ?? [])];
    const caps: Caption[] = conceptCaptions(base.label, tags, catCaptions.get(base.hexcode) ?? [], reserved, catReserved.get(base.hexcode));
    concepts[base.hexcode] = {
      label: base.label,
      group: base.group,
      subgroup: base.subgroup,
      category: categoryOf.get(base.hexcode) ?? null,
      hard_negative: hardNegatives.has(base.hexcode),
      eval_prompt: { text: mod.eval_template.replace('{}', withArticle(phrase(base.label))) },
      captions: caps.map((c) => ({ ...c, ids: encode(c.text) })).filter((c) => c.ids),
    };
    const ev = concepts[base.hexcode] as any;
    ev.eval_prompt.ids = encode(ev.eval_prompt.text);
  }
  const categories: Record<string, unknown> = {};
  for (const [name, cat] of Object.entries<any>(mod.categories)) {
    categories[name] = {
      members: (cat.members as string[]).map(hex),
      prompts: (cat.prompts as string[]).map((text) => ({ text, ids: encode(text) })),
    };
  }

  const counts: Record<string, number> = {};
  items.forEach((it) => (counts[it.style] = (counts[it.style] ?? 0) + 1));
  console.log(`concepts ${Object.keys(concepts).length}, images per style`, counts);

  const pre = new ImagePreprocessor(parsePreprocessorConfig(readJson(path.join(MODEL, 'preprocessor_config.json'))), {
    background: { r: 255, g: 255, b: 255 },
    fastShrinkOnLoad: true,
    limitInputPixels: 0,
  });
  fs.mkdirSync(OUT, { recursive: true });
  const writeText = () => {
    fs.writeFileSync(path.join(OUT, 'concepts.json'), JSON.stringify(concepts));
    fs.writeFileSync(path.join(OUT, 'prompts.json'), JSON.stringify({ shape: pre.dims, max_length: MAX_LEN, categories }, null, 1));
  };
  // --captions-only: rewrite concepts.json/prompts.json after a caption change, keeping images.f32
  // (the item list, and so every image's offset, depends only on the emoji packages).
  if (process.argv.includes('--captions-only')) {
    const old = fs.readFileSync(path.join(OUT, 'items.jsonl'), 'utf8').trim().split('\n');
    if (old.length !== items.length) throw new Error(`items.jsonl has ${old.length} items, the packages give ${items.length}: run without --captions-only`);
    writeText();
    console.log(`rewrote captions of ${Object.keys(concepts).length} concepts in ${OUT}`);
    return;
  }

  const per = pre.tensorSize;
  const fd = fs.openSync(path.join(OUT, 'images.f32'), 'w');
  const ok: boolean[] = new Array(items.length).fill(false);
  let next = 0;
  let done = 0;
  const t0 = Date.now();
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      try {
        const t = await pre.preprocess({ data: await render(items[i].file) });
        fs.writeSync(fd, Buffer.from(t.buffer, t.byteOffset, per * 4), 0, per * 4, i * per * 4);
        ok[i] = true;
      } catch (err) {
        console.warn(`skip ${items[i].file}: ${(err as Error).message}`);
      }
      if (++done % 2000 === 0) console.log(`${done}/${items.length} images, ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  fs.closeSync(fd);

  const lines = items.map((it, i) => JSON.stringify({ index: i, ok: ok[i], ...it, file: it.file.startsWith(ICONIFY) ? it.file : path.relative(NM, it.file) }));
  fs.writeFileSync(path.join(OUT, 'items.jsonl'), lines.join('\n') + '\n');
  writeText();
  console.log(`wrote ${items.length} images (${ok.filter((x) => !x).length} failed) in ${((Date.now() - t0) / 1000).toFixed(0)}s to ${OUT}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
