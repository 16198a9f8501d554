import { PinoLogger } from 'nestjs-pino';
import { Writable } from 'stream';
import { createRootLogger } from './root-logger';
import { withRequestId } from './request-context';

describe('withRequestId', () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  const root = createRootLogger({ level: 'info', format: 'json', colors: false }, sink);
  const log = new PinoLogger({ pinoHttp: { logger: root } });
  const setRoot = (l: unknown) => ((PinoLogger as unknown as { root: unknown }).root = l);
  afterEach(() => setRoot(undefined));

  it('binds the request id to every line logged inside, and only there', async () => {
    setRoot(root);
    await withRequestId('req-42', async () => {
      await new Promise((r) => setImmediate(r));
      log.info('inside');
    });
    log.info('outside');
    expect(lines.find((l) => l.msg === 'inside')).toMatchObject({ request_id: 'req-42' });
    expect(lines.find((l) => l.msg === 'outside')).not.toHaveProperty('request_id');
  });

  it('just runs the function where no HTTP logger is set up (a CLI) or there is no id', async () => {
    await expect(withRequestId('req-1', async () => 7)).resolves.toBe(7);
    setRoot(root);
    await expect(withRequestId(null, async () => 8)).resolves.toBe(8);
  });

  it('redacts credentials in any object logged whole', () => {
    root.info({ req: { headers: { authorization: 'Bearer k', 'x-api-key': 'k2', cookie: 'c' } }, secret: 's', msg2: 'ok' }, 'whole');
    const line = JSON.stringify(lines.find((l) => l.msg === 'whole'));
    expect(line).toContain('[redacted]');
    expect(line).not.toMatch(/Bearer k|"k2"|"c"|"s"/);
  });
});
