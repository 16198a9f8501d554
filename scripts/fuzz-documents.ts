/**
 * Hostile JSON and YAML for `npm run fuzz -- --target documents`: the endpoints that read policy
 * documents or structured JSON (policies, policy sets, reviews, appeals, webhooks). Each case is
 * one request; the runner in fuzz.ts checks it is answered 2xx/4xx with a stable code in bounded
 * time. Cases: YAML alias bombs and merge keys, flow/block/compact nesting, huge and wide documents,
 * long lines, byte mutations of the shipped policy set, and wrong types (numbers, arrays, null,
 * deep structures) in every field of the JSON bodies.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

export interface DocCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  type?: string;
  body?: string;
  how: string;
}

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const SHIPPED = fs.readFileSync(path.join(__dirname, '..', 'policies', 'default.yaml'), 'utf8');
const SHIPPED_DOC = parse(SHIPPED) as Record<string, unknown>;
const NAME = String(SHIPPED_DOC.name);

/** Nested arrays and objects `depth` levels deep, as JSON text (no recursion: depth may be 200,000). */
function deepJson(depth: number, r: R): string {
  const kinds = Array.from({ length: depth }, () => (r() < 0.5 ? '[' : '{"k":'));
  return kinds.join('') + '1' + kinds.reverse().map((k) => (k === '[' ? ']' : '}')).join('');
}

/** A JSON value chosen to break a reader that assumed a type, as JSON text. */
export function hostileJson(r: R): { json: string; how: string } {
  switch (Math.floor(r() * 12)) {
    case 0: return { json: 'null', how: 'null' };
    case 1: return { json: pick(r, ['0', '-1', '1e308', '-0', '4294967297', '0.5']), how: 'number' };
    case 2: return { json: pick(r, ['true', 'false']), how: 'boolean' };
    case 3: return { json: pick(r, ['""', '" "', '"\\u0000"', '"../../etc/passwd"', '"<script>"']), how: 'odd string' };
    case 4: return { json: JSON.stringify('x'.repeat(1 + Math.floor(r() * 200_000))), how: 'long string' };
    case 5: return { json: pick(r, ['[]', '{}', '[null]', '[[]]', '{"":{}}']), how: 'empty container' };
    case 6: { const d = pick(r, [40, 1000, 20_000, 200_000]); return { json: deepJson(d, r), how: `nested ${d}` }; }
    case 7: { const n = pick(r, [1000, 100_000]); return { json: `[${Array(n).fill('1').join(',')}]`, how: `array of ${n}` }; }
    case 8: return { json: `{${Array.from({ length: 5000 }, (_, i) => `"k${i}":${i}`).join(',')}}`, how: 'wide object' };
    case 9: return { json: '["a", 1, null, {"x": []}]', how: 'mixed array' };
    case 10: return { json: '{"__proto__": {"polluted": true}, "constructor": {"prototype": {}}}', how: 'prototype keys' };
    default: return { json: '"1"', how: 'numeric string' };
  }
}

/** A YAML document meant to exhaust or confuse the parser. */
function hostileYaml(r: R): { text: string; how: string } {
  const head = `version: 1\nname: ${NAME}\n`;
  switch (Math.floor(r() * 12)) {
    case 0: {
      const width = pick(r, [5, 10, 20]);
      const lines = [`a0: &a0 [${Array(width).fill('x').join(', ')}]`];
      for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]`);
      return { text: head + lines.join('\n') + '\npolicies: *a9\n', how: `alias bomb width ${width}` };
    }
    case 1: return { text: head + 'base: &b { description: x, severity: low }\npolicies:\n  - <<: *b\n    id: m\n    prompts: [a]\n    scoring: similarity\n    thresholds: { flag: 0.1 }\n', how: 'merge key' };
    case 2: { const d = pick(r, [33, 1000, 500_000]); return { text: head + 'policies: ' + '['.repeat(d) + ']'.repeat(d), how: `flow nesting ${d}` }; }
    case 3: { const d = pick(r, [33, 500, 1800]); return { text: head + Array.from({ length: d }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' v\n', how: `block nesting ${d}` }; }
    case 4: { const d = pick(r, [33, 100_000]); return { text: head + 'policies:\n' + '- '.repeat(d) + 'x\n', how: `compact nesting ${d}` }; }
    case 5: { const n = pick(r, [30_000, 400_000]); return { text: head + 'policies:\n' + '- 1\n'.repeat(n), how: `${n} items` }; }
    case 6: { const n = pick(r, [3000, 300_000]); return { text: head + `policies: [${'1, '.repeat(n)}1]\n`, how: `line of ${n} items` }; }
    case 7: return { text: head + 'description: ' + 'x'.repeat(pick(r, [70_000, 2_100_000])) + '\npolicies: []\n', how: 'huge scalar' };
    case 8: return { text: head + pick(r, ['policies: !!binary aGVsbG8=\n', 'policies: !custom {a: 1}\n', 'policies: !!js/function "() => 1"\n', '%YAML 1.1\n---\npolicies: []\n', 'policies: []\n---\npolicies: []\n']), how: 'tags and directives' };
    case 9: return { text: pick(r, ['', '\u0000', '\ufeff', '---', '...', '- - -', '? ? ?', '&a *a', '*x']), how: 'tiny' };
    case 10: return { text: head + `policies:\n  - id: ${'a'.repeat(1000)}\n    description: ${pick(r, ['[', '{', '"', "'", '|', '>', '*', '&', '!'])}\n`, how: 'unbalanced' };
    default: return { text: mutate(SHIPPED, r), how: 'mutated default.yaml' };
  }
}

const YAML_BYTES = ['[', ']', '{', '}', ':', '-', '?', '&', '*', '!', '|', '>', "'", '"', '#', '%', '@', '`', ',', '\n', '\t', ' ', '\u0000', '\ufeff'];

function mutate(text: string, r: R): string {
  let s = text;
  for (let k = 1 + Math.floor(r() * 6); k > 0; k--) {
    const at = Math.floor(r() * s.length);
    const op = Math.floor(r() * 4);
    if (op === 0) s = s.slice(0, at) + pick(r, YAML_BYTES) + s.slice(at);
    else if (op === 1) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 40));
    else if (op === 2) s = s.slice(0, at) + s.slice(at, at + 200).repeat(1 + Math.floor(r() * 50)) + s.slice(at);
    else s = s.slice(0, at);
  }
  return s;
}

/** The shipped document with one field replaced by a hostile value, as JSON text. */
function hostileDocumentJson(r: R): { json: string; how: string } {
  const v = hostileJson(r);
  const fields = ['version', 'name', 'description', 'defaults', 'policies', 'policies.0', 'policies.0.id', 'policies.0.prompts', 'policies.0.thresholds', 'policies.0.thresholds.flag', 'policies.0.examples', 'policies.0.calibration'];
  const where = pick(r, fields);
  const marker = '"__HOSTILE__"';
  const doc = JSON.parse(JSON.stringify(SHIPPED_DOC)) as Record<string, unknown>;
  const keys = where.split('.');
  let node: Record<string, unknown> = doc;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys[keys.length - 1]] = '__HOSTILE__';
  return { json: JSON.stringify(doc).replace(marker, v.json), how: `${where} = ${v.how}` };
}

/** One request against the document and JSON endpoints. `ids` are a webhook and a moderation that exist. */
export function documentCase(r: R, ids: { webhook: string }): DocCase {
  const json = (method: DocCase['method'], p: string, body: string, how: string): DocCase => ({ method, path: p, type: 'application/json', body, how });
  const field = (name: string, extra = '') => {
    const v = hostileJson(r);
    return { body: `{${extra}${extra ? ',' : ''}"${name}": ${v.json}}`, how: `${name} = ${v.how}` };
  };
  switch (Math.floor(r() * 14)) {
    case 0: case 1: { const y = hostileYaml(r); return { method: 'POST', path: '/v1/policies/validate', type: 'application/yaml', body: y.text, how: `validate yaml: ${y.how}` }; }
    case 2: { const y = hostileYaml(r); return { method: 'PUT', path: `/v1/policy-sets/${NAME}?activate=false`, type: 'application/yaml', body: y.text, how: `put yaml: ${y.how}` }; }
    case 3: { const d = hostileDocumentJson(r); return json('POST', '/v1/policies/validate', d.json, `validate json: ${d.how}`); }
    case 4: { const d = hostileDocumentJson(r); return json('POST', '/v1/policies/validate', `{"policy": ${d.json}}`, `validate {"policy"}: ${d.how}`); }
    case 5: { const v = hostileJson(r); return json('POST', '/v1/policies/validate', v.json, `validate body = ${v.how}`); }
    case 6: { const f = field(pick(r, ['policy', 'target_precision', 'target_recall', 'limit', 'from', 'to', 'standalone', 'format']), '"source": "verdicts"'); return json('POST', '/v1/policies/evaluate', f.body, `evaluate ${f.how}`); }
    case 7: { const f = field(pick(r, ['version', 'comment'])); return json('POST', `/v1/policy-sets/${NAME}/activate`, f.body, `activate ${f.how}`); }
    case 8: { const f = field(pick(r, ['status', 'policy', 'decision', 'min_score', 'order', 'from', 'to'])); return json('POST', '/v1/reviews/next', f.body, `reviews/next ${f.how}`); }
    case 9: { const f = field(pick(r, ['verdict', 'policies', 'note']), '"verdict": "uphold"'); return json('POST', '/v1/reviews/00000000-0000-0000-0000-000000000000/decision', f.body, `decision ${f.how}`); }
    case 10: { const f = field('reason'); return json('POST', '/v1/moderations/00000000-0000-0000-0000-000000000000/appeals', f.body, `appeal ${f.how}`); }
    case 11: { const f = field(pick(r, ['url', 'events', 'description', 'enabled'])); return json(pick(r, ['POST', 'PATCH'] as const), r() < 0.5 ? '/v1/webhooks' : `/v1/webhooks/${ids.webhook}`, f.body, `webhook ${f.how}`); }
    case 12: { const f = field('overlap_ms'); return json('POST', `/v1/webhooks/${ids.webhook}/secret/rotate`, f.body, `rotate ${f.how}`); }
    default: {
      const v = hostileJson(r);
      // Node answers URLs past its 16 KiB header limit with 431 before the app sees them.
      const cursor = Buffer.from(v.json.slice(0, 6000)).toString('base64url');
      return { method: 'GET', path: `/v1/webhooks/${ids.webhook}/deliveries?before=${cursor}`, how: `deliveries before = ${v.how}` };
    }
  }
}
