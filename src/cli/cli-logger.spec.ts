import { cliLogger, cliLogLevels } from './cli-logger';

describe('CLI logging', () => {
  it('is quiet by default, follows LOG_LEVEL, and --verbose shows log lines', () => {
    expect(cliLogLevels({}, false)).toEqual(['error', 'warn']);
    expect(cliLogLevels({ LOG_LEVEL: 'error' }, false)).toEqual(['error']);
    expect(cliLogLevels({ LOG_LEVEL: 'debug' }, false)).toEqual(['error', 'warn', 'log', 'debug']);
    expect(cliLogLevels({ LOG_LEVEL: 'error' }, true)).toEqual(['error', 'warn', 'log']);
    expect(() => cliLogLevels({ LOG_LEVEL: 'loud' }, false)).toThrow(/LOG_LEVEL must be one of/);
  });

  it('writes every level to stderr, none to stdout', () => {
    const out: string[] = [];
    const err: string[] = [];
    const so = jest.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const se = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    try {
      const log = cliLogger({ LOG_LEVEL: 'log' }, false);
      log.log('a log line', 'Ctx');
      log.warn('a warning', 'Ctx');
      log.error('an error', undefined, 'Ctx');
      log.debug('not shown', 'Ctx');
    } finally {
      so.mockRestore();
      se.mockRestore();
    }
    expect(out).toEqual([]);
    expect(err.join('')).toMatch(/LOG .*a log line[\s\S]*WARN .*a warning[\s\S]*ERROR .*an error/);
    expect(err.join('')).not.toMatch(/not shown/);
  });
});
