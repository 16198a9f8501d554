import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Paths a test file serves differently from the document on purpose (a setting that moves or
 * removes a mount, such as UI_PATH): answers under them are not checked. Each use says why.
 */
export const contractExemptions: RegExp[] = [];

/** One answer the e2e suite received. */
export interface ObservedResponse {
  method: string;
  path: string;
  status: number;
  contentType: string | undefined;
  body: unknown;
}

type Schema = Record<string, unknown>;
interface Operation {
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}
interface Route {
  template: string;
  pattern: RegExp;
  params: number;
  ops: Record<string, Operation>;
}

const ROOT_ID = 'openapi';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv, made strict: `nullable` becomes a null alternative,
 * component refs point into one root schema, and every object that lists its properties refuses
 * others (an undocumented field is a contract failure), unless it says what extra properties are.
 */
export function toJsonSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (!s || typeof s !== 'object') return s;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s as Schema)) {
    if (k === 'nullable' || k === 'example' || k === 'examples' || k === 'xml' || k === 'discriminator') continue;
    if (k === '$ref' && typeof v === 'string') out.$ref = v.replace('#/components/schemas/', `${ROOT_ID}#/definitions/`);
    else if (k === 'properties' || k === 'patternProperties' || k === 'definitions') {
      out[k] = Object.fromEntries(Object.entries(v as Schema).map(([name, sub]) => [name, toJsonSchema(sub)]));
    } else out[k] = toJsonSchema(v);
  }
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    // OpenAPI 3.0 writes an exclusive bound as a boolean beside minimum/maximum; JSON Schema as the number.
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else if (out[flag] === false) delete out[flag];
  }
  if (out.properties && out.additionalProperties === undefined && !out.allOf && !out.anyOf && !out.oneOf) out.additionalProperties = false;
  if ((s as Schema).nullable === true) return { anyOf: [{ type: 'null' }, out] };
  return out;
}

/** Checks answers against the committed OpenAPI document (docs/openapi.json). */
export class ContractChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly routes: Route[];
  private readonly compiled = new Map<Schema, ValidateFunction>();

  constructor(doc: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } }) {
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: ROOT_ID, definitions: toJsonSchema(doc.components?.schemas ?? {}) as Schema });
    this.routes = Object.entries(doc.paths)
      .map(([template, ops]) => {
        const params = (template.match(/\{[^}]+\}/g) ?? []).length;
        const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+');
        return { template, params, pattern: new RegExp(`^${source}$`), ops };
      })
      .sort((a, b) => a.params - b.params);
  }

  static fromFile(file = path.join(__dirname, '..', '..', 'docs', 'openapi.json')): ContractChecker {
    return new ContractChecker(JSON.parse(fs.readFileSync(file, 'utf8')));
  }

  /** The document's path template for a request path, or undefined. */
  route(p: string): Route | undefined {
    return this.routes.find((r) => r.pattern.test(p));
  }

  /** Problems with one answer; empty when it is what the document promises. */
  check(r: ObservedResponse): string[] {
    const where = `${r.method.toUpperCase()} ${r.path} → ${r.status}`;
    const route = this.route(r.path);
    if (!route) return r.status === 404 ? [] : [`${where}: the path is not in the document`];
    const op = route.ops[r.method.toLowerCase()];
    if (!op) return r.status === 404 || r.status === 405 ? [] : [`${where}: ${r.method.toUpperCase()} ${route.template} is not in the document`];
    const response = op.responses[String(r.status)] ?? op.responses[`${String(r.status)[0]}XX`] ?? op.responses.default;
    if (!response) return [`${where}: status ${r.status} is not documented for ${r.method.toUpperCase()} ${route.template} (documented: ${Object.keys(op.responses).join(', ')})`];
    const content = response.content;
    const mediaType = r.contentType?.split(';')[0].trim().toLowerCase();
    if (!content || Object.keys(content).length === 0) {
      return mediaType && r.status !== 204 && r.status !== 304 && !isEmpty(r.body) ? [`${where}: answered ${mediaType} but the document declares no body`] : [];
    }
    if (!mediaType) return isEmpty(r.body) ? [`${where}: no body, the document declares ${Object.keys(content).join(', ')}`] : [];
    const media = content[mediaType] ?? content[`${mediaType.split('/')[0]}/*`] ?? content['*/*'];
    if (!media) return [`${where}: content type ${mediaType} is not documented (documented: ${Object.keys(content).join(', ')})`];
    if (mediaType !== 'application/json' || !media.schema) return [];
    const validate = this.validator(media.schema);
    if (validate(r.body)) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `${where}: body${e.instancePath || ''} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  }

  private validator(schema: Schema): ValidateFunction {
    let v = this.compiled.get(schema);
    if (!v) {
      v = this.ajv.compile(toJsonSchema(schema) as Schema);
      this.compiled.set(schema, v);
    }
    return v;
  }

  /** Every documented operation as "METHOD /template". */
  operations(): string[] {
    return this.routes.flatMap((r) => Object.keys(r.ops).filter((m) => HTTP_METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${r.template}`));
  }
}

function isEmpty(body: unknown): boolean {
  return body === undefined || body === null || body === '' || (typeof body === 'object' && !Buffer.isBuffer(body) && Object.keys(body as object).length === 0);
}
