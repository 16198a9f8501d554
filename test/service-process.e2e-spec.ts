import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ServiceProcess } from './support/service-process';

/**
 * The harness that runs clipguard in child processes: a spec that loses track of an instance (a start
 * still in flight when a wait timed out) must not leave it running after the spec, where it keeps
 * Jest from exiting.
 */
describe('ServiceProcess.killAll', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-harness-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('ends an instance whose handle the spec never kept', async () => {
    const before = ServiceProcess.running();
    const { pid } = await ServiceProcess.start('forgotten', { DATA_DIR: dir, API_KEYS: 'ops:harness-key-0123456789abcdef:admin' });
    expect(ServiceProcess.running()).toBe(before + 1);
    expect(() => process.kill(pid, 0)).not.toThrow();

    await ServiceProcess.killAll();

    expect(ServiceProcess.running()).toBe(0);
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });
});
