import * as fs from 'fs';
import * as path from 'path';
import { missingNodeFlags, SERVICE_NODE_FLAGS } from './node-flags';

describe('service node flags', () => {
  it('npm start runs the service with every one of them', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toContain(`node ${SERVICE_NODE_FLAGS.join(' ')} dist/main.js`);
  });

  it('names the flags a process was started without, from the command line or NODE_OPTIONS', () => {
    expect(missingNodeFlags([])).toEqual([...SERVICE_NODE_FLAGS]);
    expect(missingNodeFlags([...SERVICE_NODE_FLAGS])).toEqual([]);
    expect(missingNodeFlags(['--inspect'], SERVICE_NODE_FLAGS.map((f) => f.replace(/-/g, '_').replace(/^__/, '--')).join(' '))).toEqual([]);
    expect(missingNodeFlags(['--max-semi-space-size=16'])).toEqual(['--max-semi-space-size=8']);
  });
});
