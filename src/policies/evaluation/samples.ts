import { promises as fsp } from 'fs';
import * as path from 'path';
import { ArchiveEntry } from './tar-reader';

/** One labelled image: `label` is a policy id, or "none" for an image that violates nothing. */
export interface LabelledSample {
  name: string;
  label: string;
  /** The image bytes, or a loader (a folder is read one image at a time, not all at once). */
  data: Buffer | (() => Promise<Buffer>);
}

/** A sample entry before labelling: a path and its bytes (or how to read them). */
export interface SampleEntry {
  path: string;
  data: Buffer | (() => Promise<Buffer>);
}

/** A sample after embedding: one vector per scored frame. */
export interface EmbeddedSample {
  name: string;
  label: string;
  /** Several positive policies (moderator verdicts); when set it replaces `label` ([] = none). */
  labels?: string[];
  frames: Float32Array[];
}

export const isPositive = (s: EmbeddedSample, policyId: string) => (s.labels ? s.labels.includes(policyId) : s.label === policyId);

export const NONE_LABEL = 'none';
const IMAGE_FILE = /\.(png|jpe?g|webp|gif|avif|tiff?|heic|heif)$/i;

/**
 * `<label>/<file>` entries become samples; one common top folder (an archive of "samples/") is
 * stripped; files that are not images (README.md) and dot-files are skipped and reported.
 */
export function samplesFromEntries(entries: (ArchiveEntry | SampleEntry)[], stripCommonTop = true): { samples: LabelledSample[]; skipped: string[] } {
  const split = entries.map((e) => ({ e, segs: e.path.split('/').filter((s) => s && s !== '.') }));
  const tops = new Set(split.map((s) => s.segs[0]));
  const images = split.filter((s) => IMAGE_FILE.test(s.segs[s.segs.length - 1] ?? ''));
  const strip = stripCommonTop && tops.size === 1 && images.length > 0 && images.every((s) => s.segs.length >= 3) ? 1 : 0;
  const samples: LabelledSample[] = [];
  const skipped: string[] = [];
  for (const { e, segs } of split) {
    const rel = segs.slice(strip);
    if (rel.length < 2 || rel.some((s) => s.startsWith('.') || s === '..') || !IMAGE_FILE.test(rel[rel.length - 1])) {
      skipped.push(e.path);
      continue;
    }
    samples.push({ name: rel.join('/'), label: rel[0], data: e.data });
  }
  samples.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { samples, skipped };
}

/** Reads a labelled folder (`<dir>/<label>/**`), the CLI's sample source. */
export async function readSampleFolder(dir: string): Promise<{ samples: LabelledSample[]; skipped: string[] }> {
  const entries: SampleEntry[] = [];
  async function walk(rel: string): Promise<void> {
    for (const d of await fsp.readdir(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) await walk(r);
      else if (d.isFile()) entries.push({ path: r, data: () => fsp.readFile(path.join(dir, r)) });
    }
  }
  await walk('');
  return samplesFromEntries(entries, false);
}
