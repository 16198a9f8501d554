import { INestApplication } from '@nestjs/common';
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { bootApp, image } from './helpers/app';

/**
 * The README's example answer is checked against what the service answers for the same image with
 * the shipped policies and the demo model, so the document cannot go stale (issue 15 item 16).
 * Shown values must match: strings exactly, numbers to the decimals shown. "…" marks what the
 * README leaves out: a string containing it, or a "…" key in an abridged object or list.
 * Timings vary between runs: only their names are checked.
 */
const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
const MARKER = 'Answer (abridged; `test/fixtures/images/';

function readmeExample(): { file: string; shown: any } {
  const at = README.indexOf(MARKER);
  if (at < 0) throw new Error(`README.md no longer has the "${MARKER}" example`);
  const file = README.slice(at + MARKER.length).split('`')[0];
  const block = /```json\n([\s\S]*?)\n```/.exec(README.slice(at));
  if (!block) throw new Error('no ```json block after the example heading');
  return { file, shown: JSON.parse(block[1]) };
}

const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;

/** Every difference between what the README shows and the answer, as "path: shown vs actual". */
function differences(shown: unknown, actual: unknown, at = '$'): string[] {
  if (typeof shown === 'string') return shown.includes('…') || shown === actual ? [] : [`${at}: README ${JSON.stringify(shown)}, service ${JSON.stringify(actual)}`];
  if (typeof shown === 'number') {
    const ok = typeof actual === 'number' && actual.toFixed(decimals(shown)) === shown.toFixed(decimals(shown));
    return ok ? [] : [`${at}: README ${shown}, service ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(shown)) {
    if (!Array.isArray(actual)) return [`${at}: README shows a list, service ${JSON.stringify(actual)}`];
    // An abridged list of policy results: each shown entry is the answer's entry with that policy_id.
    const abridged = shown.some((x) => x && typeof x === 'object' && '…' in x);
    if (abridged) {
      return shown.flatMap((x: any) => differences(x, actual.find((y: any) => y.policy_id === x.policy_id), `${at}[policy_id=${x.policy_id}]`));
    }
    if (shown.length !== actual.length) return [`${at}: README shows ${shown.length} entries, service answers ${actual.length}: ${JSON.stringify(actual)}`];
    return shown.flatMap((x, i) => differences(x, actual[i], `${at}[${i}]`));
  }
  if (shown && typeof shown === 'object') {
    if (!actual || typeof actual !== 'object') return [`${at}: README shows an object, service ${JSON.stringify(actual)}`];
    const out: string[] = [];
    for (const [k, v] of Object.entries(shown)) {
      if (k === '…') continue;
      if (!(k in actual)) out.push(`${at}.${k}: shown in the README, absent from the answer`);
      else if (at === '$' && k === 'timings') out.push(...Object.keys(v as object).filter((t) => typeof (actual as any).timings[t] !== 'number').map((t) => `$.timings.${t}: not in the answer`));
      else out.push(...differences(v, (actual as any)[k], `${at}.${k}`));
    }
    return out;
  }
  return shown === actual ? [] : [`${at}: README ${JSON.stringify(shown)}, service ${JSON.stringify(actual)}`];
}

describe('README example answer (shipped policies, demo model)', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(() => app?.close());

  it('shows what the service answers for the same image: version, decision, reasons and fields', async () => {
    const { file, shown } = readmeExample();
    expect(file).toBe('twemoji-middle-finger.png');
    const answer = (await request(app.getHttpServer()).post('/v1/moderations').set('Content-Type', 'image/png').send(image(file)).expect(200)).body;
    // The checks that matter most, named, before the full comparison.
    expect(shown.policy_set).toEqual(answer.policy_set);
    expect(shown.decision).toBe(answer.decision);
    expect(differences(shown, answer)).toEqual([]);
  });

  it('the comparison catches a stale value', () => {
    const { shown } = readmeExample();
    const answer = JSON.parse(JSON.stringify(shown));
    answer.policy_set.version = '000000000000';
    answer.policies[0].score += 0.001;
    expect(differences(shown, answer)).toEqual([
      expect.stringMatching(/^\$\.policies\[policy_id=.*\]\.score: README/),
      expect.stringMatching(/^\$\.policy_set\.version: README/),
    ]);
  });
});
