import { readFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { unifiedDiff } from '../versions/text-diff';
import { parsePolicyText } from '../policy-parser';
import { writeCalibration } from './calibration-writer';

const DEFAULT = readFileSync(path.join(__dirname, '../../../policies/default.yaml'), 'utf8');

describe('writeCalibration', () => {
  it('adds one line per calibrated policy and changes nothing else', () => {
    const out = writeCalibration(DEFAULT, { weapons: { a: 12.5, b: -3.25 }, 'offensive-gestures': { a: 2, b: -1 } }, 'today on 34 samples');
    const diff = unifiedDiff(DEFAULT, out);
    expect(diff.split('\n').filter((l) => /^[-+]/.test(l))).toEqual([
      '+    calibration: { method: platt, a: 12.5, b: -3.25, fitted: "today on 34 samples" }',
      '+    calibration: { method: platt, a: 2, b: -1, fitted: "today on 34 samples" }',
    ]);
    const doc = parse(out);
    expect(doc.policies[0].calibration).toEqual({ method: 'platt', a: 12.5, b: -3.25, fitted: 'today on 34 samples' });
    expect(doc.policies[6].calibration).toMatchObject({ a: 2 });
    expect(parsePolicyText(out, 'd.yaml').issues).toEqual([]);
  });

  it('replaces an existing calibration line', () => {
    const once = writeCalibration(DEFAULT, { drugs: { a: 1, b: 0 } }, 'first');
    const twice = writeCalibration(once, { drugs: { a: 3, b: -2 } }, 'second');
    expect(unifiedDiff(once, twice).split('\n').filter((l) => /^[-+]/.test(l))).toEqual([
      '-    calibration: { method: platt, a: 1, b: 0, fitted: "first" }',
      '+    calibration: { method: platt, a: 3, b: -2, fitted: "second" }',
    ]);
  });

  it('works at the end of a file without a final newline', () => {
    const text = 'version: 1\nname: x\npolicies:\n  - id: a\n    description: A\n    prompts: [p]\n    scoring: similarity\n    severity: low\n    thresholds: { flag: 0.5 }';
    const out = writeCalibration(text, { a: { a: 1, b: 2 } }, 'f');
    expect(parse(out).policies[0].calibration).toEqual({ method: 'platt', a: 1, b: 2, fitted: 'f' });
    expect(parsePolicyText(out, 'x.yaml').issues).toEqual([]);
  });
});
