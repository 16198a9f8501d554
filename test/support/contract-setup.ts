/**
 * Runs in every e2e test file (jest setupFilesAfterEnv): each answer a test receives through
 * supertest is checked against docs/openapi.json, and the file fails in afterAll listing every
 * undocumented status, content type or field (issue 16). Tests that deliberately send requests the
 * document cannot describe do not exist: hostile input still gets documented error answers.
 */
import supertest from 'supertest';
import { ContractChecker, contractExemptions } from './contract';

const checker = ContractChecker.fromFile();
const problems = new Set<string>();

type Test = { method: string; url: string };
type Assert = (this: Test, resError: unknown, res: { status: number; headers: Record<string, string>; body: unknown; text?: string } | undefined, fn: unknown) => unknown;
const proto = (supertest as unknown as { Test: { prototype: { assert: Assert } } }).Test.prototype;
const original = proto.assert;
proto.assert = function (this: Test, resError, res, fn) {
  if (res && typeof res.status === 'number') {
    const url = new URL(this.url, 'http://localhost');
    // Swagger UI and the dashboard's static files are not API; the dashboard's /ui/api routes are.
    if (!/^\/(docs(\/|-|$)|ui(\/(?!api\/)|$))/.test(url.pathname) && !contractExemptions.some((r) => r.test(url.pathname))) {
      for (const p of checker.check({ method: this.method, path: url.pathname, status: res.status, contentType: res.headers['content-type'], body: res.body })) problems.add(p);
    }
  }
  return original.call(this, resError, res, fn);
};

afterAll(() => {
  if (problems.size) {
    const list = [...problems];
    throw new Error(`${list.length} answer(s) differ from docs/openapi.json (npm run openapi regenerates it from the code):\n${list.slice(0, 40).join('\n')}`);
  }
});
