import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

/** Runs `body` in a fresh Node.js process with the fatal-error log installed on the JSON logger. */
function runWithFatalLog(body: string): { status: number | null; lines: Record<string, unknown>[]; stderr: string } {
  const script = `
    const { createRootLogger } = require('./src/logging/root-logger');
    const { installFatalErrorLog } = require('./src/logging/fatal-errors');
    installFatalErrorLog(createRootLogger({ level: 'info', format: 'json', colors: false }));
    ${body}`;
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, lines, stderr: r.stderr };
}

describe('fatal-error log', () => {
  it('logs an uncaught exception as one JSON fatal line with its stack, then exits 1', () => {
    const r = runWithFatalLog(`setTimeout(() => { throw new Error('thrown from a timer'); }, 0);`);
    expect(r.status).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ level: 'fatal', origin: 'uncaughtException', msg: 'uncaught exception; exiting', err: { message: 'thrown from a timer' } });
    expect(String((r.lines[0].err as { stack: string }).stack)).toContain('thrown from a timer');
    expect(r.stderr).not.toContain('thrown from a timer'); // no second, unstructured report
  });

  it('logs a rejected promise nobody handled, then exits 1', () => {
    const r = runWithFatalLog(`Promise.reject(new Error('nobody awaited this'));`);
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([expect.objectContaining({ level: 'fatal', origin: 'unhandledRejection', err: expect.objectContaining({ message: 'nobody awaited this' }) })]);
  });

  it('leaves a process that fails nothing alone', () => {
    const r = runWithFatalLog(`setTimeout(() => console.log(JSON.stringify({ done: true })), 0);`);
    expect(r.status).toBe(0);
    expect(r.lines).toEqual([{ done: true }]);
  });
});
