/**
 * `npm run bank -- <command>`: hash banks from the command line.
 *
 *   hash [--json] [--dihedral] FILE...          PDQ (and quality), SHA-256 and MD5 of image files
 *   import FILE --bank NAME [--action A] [--format csv|jsonl] [--partial]
 *                                               a CSV or JSON-lines bank file into a bank (created with
 *                                               action A when it does not exist and --action is given)
 *   export BANK [--format csv|jsonl] [--out FILE]
 *                                               a bank's live entries as a bank file (stdout by default)
 *
 * `hash` prints one line per file, `pdq,quality,file` as Meta's reference hashers do (with --json one
 * JSON object per file with the exact hashes too). import and export run through the same service as
 * the HTTP API (audited as actor "cli"), against the configured database. Logs go to stderr.
 */
import 'reflect-metadata';
import * as fs from 'fs';
import * as path from 'path';
import { AppError } from '../common/app-error';
import { signalsOf } from '../banks/bank-signals';
import type { BanksService } from '../banks/banks.service';
import type { AppConfig } from '../config/configuration';
import { Env } from '../config/env';
import { ImageCodec } from '../media/image-codec';
import { cliLogger } from './cli-logger';

/** Where the CLI writes: stdout for the answer, stderr for the rest (tests pass their own). */
export interface BankCliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Config changes on top of the environment's (tests point it at their database). */
  configure?: (c: AppConfig) => AppConfig;
}

const STD_IO: BankCliIo = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

const USAGE = `usage:
  npm run bank -- hash [--json] [--dihedral] FILE...
  npm run bank -- import FILE --bank NAME [--action block|flag|blur] [--format csv|jsonl] [--partial]
  npm run bank -- export BANK [--format csv|jsonl] [--out FILE]`;
const CLI = { caller: { name: 'cli', roles: ['admin'] }, requestId: 'cli' };
/** The pixel limit of a file hashed here (the service applies MEDIA_MAX_PIXELS to uploads). */
const HASH_MAX_PIXELS = 500_000_000;

interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

function parse(argv: string[], valued: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) positional.push(a);
    else if (valued.includes(a)) {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      flags.set(a, argv[++i]);
    } else flags.set(a, true);
  }
  return { positional, flags };
}

class UsageError extends Error {}

function formatOf(flag: string | true | undefined, file?: string): 'csv' | 'jsonl' {
  if (flag === 'csv' || flag === 'jsonl') return flag;
  if (flag !== undefined) throw new UsageError('--format is csv or jsonl');
  if (!file) return 'csv';
  return /\.(jsonl|ndjson|json)$/i.test(file) ? 'jsonl' : 'csv';
}

async function hash(argv: string[], io: BankCliIo): Promise<number> {
  const { positional, flags } = parse(argv, []);
  if (!positional.length) throw new UsageError('hash needs at least one file');
  const codec = new ImageCodec();
  let failures = 0;
  for (const file of positional) {
    try {
      const bytes = fs.readFileSync(file);
      const meta = await codec.metadata(bytes);
      const pixels = await codec.pixelsForHash(bytes, meta.format, HASH_MAX_PIXELS);
      const s = signalsOf(bytes, pixels, flags.has('--dihedral'));
      const pdq = s.pdq!;
      if (flags.has('--json')) {
        const dihedral = s.dihedral ? Object.fromEntries(Object.entries(s.dihedral).map(([k, h]) => [k, h.hex])) : undefined;
        io.out(JSON.stringify({ file, pdq: pdq.hex, quality: pdq.quality, sha256: s.sha256, md5: s.md5, width: meta.width, height: meta.height, ...(dihedral ? { dihedral } : {}) }));
      } else {
        io.out(`${pdq.hex},${pdq.quality},${file}`);
        if (s.dihedral) for (const [k, h] of Object.entries(s.dihedral)) if (k !== 'original') io.out(`${h.hex},${h.quality},${file}#${k}`);
      }
    } catch (e) {
      failures++;
      io.err(`${file}: ${(e as Error).message}`);
    }
  }
  return failures ? 1 : 0;
}

async function withService<T>(env: Env, io: BankCliIo, fn: (banks: BanksService) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: `hash` needs none of the service (and starts in a fraction of the time).
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../app.module');
  const { BanksService } = await import('../banks/banks.service');
  const configure = io.configure ?? ((c: AppConfig) => c);
  const app = await NestFactory.createApplicationContext(
    AppModule.create((c) => configure({ ...c, policies: { ...c.policies, watch: false, syncSeconds: 0 } })),
    { logger: cliLogger(env, false) },
  );
  try {
    return await fn(app.get(BanksService));
  } finally {
    await app.close();
  }
}

async function importFile(argv: string[], env: Env, io: BankCliIo): Promise<number> {
  const { positional, flags } = parse(argv, ['--bank', '--action', '--format']);
  const [file] = positional;
  const name = flags.get('--bank');
  if (!file || positional.length > 1) throw new UsageError('import needs one file');
  if (typeof name !== 'string') throw new UsageError('import needs --bank NAME');
  const action = flags.get('--action');
  if (action !== undefined && action !== 'block' && action !== 'flag' && action !== 'blur') throw new UsageError('--action is block, flag or blur');
  const format = formatOf(flags.get('--format'), file);
  const text = fs.readFileSync(file, 'utf8');
  return withService(env, io, async (banks) => {
    let bank = await banks.resolve(name).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'not_found' && action) return null;
      throw e;
    });
    if (!bank) {
      const created = await banks.create({ name, action: action as 'block' | 'flag' | 'blur' }, CLI);
      io.err(`created bank "${name}" (${created.action}, id ${created.id})`);
      bank = await banks.resolve(created.id);
    }
    const t0 = Date.now();
    const r = await banks.importFile(bank.id, text, format, flags.has('--partial'), CLI);
    for (const e of r.errors) io.err(`${path.basename(file)}:${e.line}: ${e.field}: ${e.message}`);
    io.out(JSON.stringify({ bank: bank.name, bank_id: bank.id, records: r.records, inserted: r.inserted, skipped: r.skipped, errors: r.errors.length, seconds: (Date.now() - t0) / 1000 }));
    return r.errors.length ? 1 : 0;
  });
}

async function exportFile(argv: string[], env: Env, io: BankCliIo): Promise<number> {
  const { positional, flags } = parse(argv, ['--format', '--out']);
  const [name] = positional;
  if (!name || positional.length > 1) throw new UsageError('export needs one bank (name or id)');
  const out = flags.get('--out');
  const format = formatOf(flags.get('--format'), typeof out === 'string' ? out : undefined);
  return withService(env, io, async (banks) => {
    const bank = await banks.resolve(name);
    const fd = typeof out === 'string' ? fs.openSync(out, 'w') : null;
    try {
      await banks.exportFile(bank.id, format, (chunk) => {
        if (fd !== null) fs.writeSync(fd, chunk);
        else if (chunk) io.out(chunk.replace(/\n$/, ''));
      });
    } finally {
      if (fd !== null) fs.closeSync(fd);
    }
    return 0;
  });
}

export async function runBankCli(argv: string[], env: Env, io: BankCliIo = STD_IO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'hash':
        return await hash(rest, io);
      case 'import':
        return await importFile(rest, env, io);
      case 'export':
        return await exportFile(rest, env, io);
      default:
        io.err(USAGE);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof AppError) {
      io.err(`${e.code}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) {
  runBankCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`bank failed: ${(e as Error)?.message ?? e}`);
      process.exit(1);
    },
  );
}
