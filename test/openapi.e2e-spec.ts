import { INestApplication } from '@nestjs/common';
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { spawnSync } from 'child_process';
import { bootApp } from './helpers/app';
import { ERROR_STATUS } from '../src/common/app-error';
import { ContractChecker } from './support/contract';

const ROOT = path.join(__dirname, '..');

/** Every route Express knows after Nest registered the controllers, as "METHOD /path/{param}". */
function registeredRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const out: string[] = [];
  for (const layer of stack) {
    // Middleware bound with forRoutes('*') (metrics, access log) shows as a catch-all route.
    if (!layer.route || layer.route.path === '/{*path}') continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') out.push(`${method.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return out;
}
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('the OpenAPI document (docs/openapi.json)', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(() => app?.close());

  it('is what the code declares, and so are the generated client types (npm run openapi -- --check)', () => {
    const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/openapi.ts', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr.trim() }).toEqual({ status: 0, stderr: '' });
  });

  it('is the document the service serves at /docs-json', async () => {
    const served = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
    expect(served).toEqual(JSON.parse(fs.readFileSync(path.join(ROOT, 'docs', 'openapi.json'), 'utf8')));
  });

  it('describes every route the service registers, and nothing it does not', () => {
    const documented = ContractChecker.fromFile().operations().sort();
    const registered = registeredRoutes(app)
      .filter((r) => !/ \/(docs\b|ui(?!\/api\/))/.test(r))
      .sort();
    expect(registered.length).toBeGreaterThan(30);
    expect(registered).toEqual(documented);
  });

  it('names the API-key scheme on every operation except the public probes, with the roles it wants', () => {
    const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs', 'openapi.json'), 'utf8'));
    const unsecured: string[] = [];
    for (const [p, item] of Object.entries<Record<string, { security?: unknown[]; 'x-required-roles'?: string[] }>>(doc.paths)) {
      for (const [m, op] of Object.entries(item)) {
        if (JSON.stringify(op.security) === '[]') unsecured.push(`${m.toUpperCase()} ${p}`);
        else expect({ op: `${m} ${p}`, security: op.security }).toEqual({ op: `${m} ${p}`, security: expect.arrayContaining([{ apiKey: [] }]) });
      }
    }
    // The probes, and the dashboard's sign-in, which is where a key becomes a session.
    expect(unsecured.sort()).toEqual(['DELETE /ui/api/session', 'GET /health/live', 'GET /health/ready', 'GET /ui/api/session', 'POST /ui/api/session']);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'clipguard_session' });
  });

  it('lists every error code with its status in docs/api-errors.md', () => {
    const table = fs.readFileSync(path.join(ROOT, 'docs', 'api-errors.md'), 'utf8');
    const rows = new Map([...table.matchAll(/^\| `([a-z0-9_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]));
    expect(Object.fromEntries(rows)).toEqual({ ...ERROR_STATUS });
  });
});
