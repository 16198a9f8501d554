import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { hamming } from '../src/banks/hamming';
import { runBankCli } from '../src/cli/bank';
import { FIXTURES } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';

const ROOT = path.join(__dirname, '..');
const PDQ = path.join(FIXTURES, 'pdq');
const EXPECTED = JSON.parse(fs.readFileSync(path.join(PDQ, 'expected-hashes.json'), 'utf8')).reference_python_cpp as Record<string, string>;

/** The CLI as a user runs it (`npm run bank -- ...` runs exactly this). */
function spawnBank(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(ROOT, 'src/cli/bank.ts'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 << 20 }, (e, out, err) =>
      resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

describe('npm run bank -- hash', () => {
  it("prints pdq,quality,file matching the reference's hashes (quality >= 80 within 10 bits), and refuses a missing file", async () => {
    const names = Object.keys(EXPECTED);
    const r = await spawnBank(['hash', ...names.map((n) => path.join(PDQ, 'images', n)), path.join(ROOT, 'no-such.png')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no-such.png');
    const lines = r.out.trim().split('\n').map((l) => l.split(','));
    expect(lines).toHaveLength(names.length);
    names.forEach((n, i) => {
      const [hex, quality, file] = lines[i];
      expect(file).toBe(path.join(PDQ, 'images', n));
      if (Number(quality) >= 80) expect(hamming(Buffer.from(hex, 'hex'), Buffer.from(EXPECTED[n], 'hex'))).toBeLessThanOrEqual(10);
    });
    const json = await spawnBank(['hash', '--json', '--dihedral', path.join(PDQ, 'images/reg-test-input/dih/bridge-1-original.jpg')]);
    const o = JSON.parse(json.out);
    expect(o).toMatchObject({ quality: 100, width: 1600, height: 1004 });
    expect(o.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(o.md5).toMatch(/^[0-9a-f]{32}$/);
    // The flip-y copy's reference hash is within 31 of the original's dihedral flipY hash.
    expect(hamming(Buffer.from(o.dihedral.flipY, 'hex'), Buffer.from(EXPECTED['reg-test-input/dih/bridge-6-flipy.jpg'], 'hex'))).toBeLessThanOrEqual(31);
  });
});

/** import and export in this process (each boots the service's modules), against the test database. */
describe.each(databaseKinds())('npm run bank -- import / export on %s', (kind) => {
  let db: TestDatabase;
  let tmp: string;
  const bank = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runBankCli(args, process.env, { out: (s) => out.push(s), err: (s) => err.push(s), configure: (c) => db.storage()(c) });
    return { code, out: out.length ? out.join('\n') + '\n' : '', err: err.join('\n') };
  };

  beforeAll(async () => {
    // The folder first: when the database cannot be reached, afterAll still has a folder to remove
    // and the run reports the connection error instead of a TypeError from fs.rmSync.
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clipguard-bank-cli-'));
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  jest.setTimeout(180_000);

  it('imports an HMA-style CSV into a bank it creates, reports bad lines, and exports what it holds', async () => {
    const pdq = EXPECTED['reg-test-input/labelme-subset/q0122.jpg'];
    const file = path.join(tmp, 'known.csv');
    fs.writeFileSync(file, `signal_type,signal_value,bank,labels\npdq,${pdq},cli-bank,"spam,scam"\nmd5,d41d8cd98f00b204e9800998ecf8427e,,\n`);
    const missing = await bank(['import', file, '--bank', 'cli-bank']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/not_found/);
    const r = await bank(['import', file, '--bank', 'cli-bank', '--action', 'block']);
    expect(r.err).toContain('created bank "cli-bank"');
    expect(JSON.parse(r.out)).toMatchObject({ bank: 'cli-bank', records: 2, inserted: 2, skipped: 0, errors: 0 });

    const bad = path.join(tmp, 'bad.jsonl');
    fs.writeFileSync(bad, `{"signal_type":"sha256","signal_value":"${'ab'.repeat(32)}"}\n{"signal_type":"pdq","signal_value":"xyz"}\n`);
    const refused = await bank(['import', bad, '--bank', 'cli-bank']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/invalid_parameter/);
    const partial = await bank(['import', bad, '--bank', 'cli-bank', '--partial']);
    expect(partial.err).toMatch(/bad.jsonl:2: signal_value/);
    expect(JSON.parse(partial.out)).toMatchObject({ inserted: 1, errors: 1 });

    const out = await bank(['export', 'cli-bank']);
    expect(out.code).toBe(0);
    expect(out.out.split('\n')).toEqual(['signal_type,signal_value,bank,labels', `pdq,${pdq},cli-bank,spam;scam`, 'md5,d41d8cd98f00b204e9800998ecf8427e,cli-bank,', `sha256,${'ab'.repeat(32)},cli-bank,`, '']);
    const jsonl = path.join(tmp, 'out.jsonl');
    await bank(['export', 'cli-bank', '--out', jsonl]);
    expect(fs.readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l).signal_type)).toEqual(['pdq', 'md5', 'sha256']);
    expect((await bank(['frobnicate'])).code).toBe(2);
  });
});
