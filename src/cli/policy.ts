/**
 * `npm run policy -- <command>`: policy authoring on the command line, through the same modules as
 * the HTTP service (validation, compilation, media intake, CLIP engine, decision engine).
 *
 *   eval <policy file> <samples folder|.tar|.tar.gz> [--html report.html] [--json [report.json|-]]
 *        [--target-precision 0.9] [--target-recall 0.9] [--standalone]
 *   calibrate <policy file> <samples> [--policies a,b] [--write]
 *   validate <policy file> [--standalone] [--json]
 *
 * stdout carries the answer alone (the report, or JSON with `--json`); progress and logs go to stderr,
 * warnings and errors only unless LOG_LEVEL or --verbose asks for more.
 */
import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import * as fs from 'fs';
import * as path from 'path';
import { AppError } from '../common/app-error';
import { Env } from '../config/env';
import { cliLogger } from './cli-logger';
import { writeCalibration } from '../policies/authoring/calibration-writer';
import { renderHtmlReport } from '../policies/evaluation/report-html';
import { renderTextReport } from '../policies/evaluation/report-text';
import { readSampleFolder, samplesFromEntries } from '../policies/evaluation/samples';
import { readTar } from '../policies/evaluation/tar-reader';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Progress line; a TTY rewrites it in place. */
  progress: (s: string) => void;
}

const USAGE = `usage:
  npm run policy -- eval <policy file> <samples folder|.tar|.tar.gz> [--html FILE] [--json [FILE|-]] [--target-precision P] [--target-recall R] [--standalone]
  npm run policy -- calibrate <policy file> <samples> [--policies id,id] [--write]
  npm run policy -- validate <policy file> [--standalone] [--json]

--json without a file (or with -) prints the JSON report alone on stdout. Logs go to stderr:
warnings and errors by default, LOG_LEVEL=error|warn|log|debug to choose, --verbose for log.

samples: one folder per policy id holding images that violate it, and none/ for images that violate nothing.
The draft replaces the active document of the same name (other documents still compete) unless --standalone.`;

function parseArgs(argv: string[]) {
  const pos: string[] = [];
  const opts: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) pos.push(a);
    else if (['--standalone', '--write', '--help', '--verbose'].includes(a)) opts[a.slice(2)] = true;
    // --json alone (or --json -): the JSON goes to stdout instead of a file.
    else if (a === '--json' && (argv[i + 1] === undefined || argv[i + 1] === '-' || argv[i + 1].startsWith('--'))) {
      opts.json = true;
      if (argv[i + 1] === '-') i++;
    } else opts[a.slice(2)] = argv[++i] ?? '';
  }
  return { pos, opts };
}

async function loadSamples(p: string) {
  const st = fs.statSync(p);
  if (st.isDirectory()) return readSampleFolder(p);
  return samplesFromEntries(readTar(fs.readFileSync(p), { maxFiles: 1_000_000, maxBytes: 16 * 1024 ** 3 }));
}

function target(v: string | true | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(n > 0 && n <= 1)) throw new Error(`--${name} must be a number in (0, 1]`);
  return n;
}

/** `env` is read for LOG_LEVEL only, when no application context is passed in. */
export async function runPolicyCli(argv: string[], io: CliIo, app?: INestApplicationContext, env: Env = {}): Promise<number> {
  const { pos, opts } = parseArgs(argv);
  const [cmd, policyFile, samplesPath] = pos;
  if (!cmd || opts.help || !['eval', 'calibrate', 'validate'].includes(cmd) || !policyFile || (cmd !== 'validate' && !samplesPath)) {
    io.err(USAGE);
    return 2;
  }
  const text = fs.readFileSync(policyFile, 'utf8');
  const own = !app;
  // Loaded here, not at the top: usage errors answer at once, without compiling the whole app.
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../app.module');
  const { PolicyLabService } = await import('../policies/authoring/policy-lab.service');
  const ctx = app ?? (await NestFactory.createApplicationContext(AppModule.create((c) => ({ ...c, policies: { ...c.policies, watch: false } })), { logger: cliLogger(env, opts.verbose === true) }));
  try {
    const lab = ctx.get(PolicyLabService);
    const standalone = opts.standalone === true;
    if (cmd === 'validate') {
      const r = await lab.validate(text, { standalone });
      if (opts.json === true) {
        io.out(JSON.stringify(r, null, 2));
        return r.valid ? 0 : 1;
      }
      for (const i of [...r.errors, ...r.warnings]) io.out(`${policyFile}:${i.line}:${i.column} ${i.path}: ${i.level === 'warning' ? 'warning: ' : ''}${i.message}`);
      io.out(r.valid ? `valid: ${r.policies.length} policies` : `invalid: ${r.errors.length} error(s)`);
      return r.valid ? 0 : 1;
    }
    const { samples, skipped } = await loadSamples(samplesPath);
    if (!samples.length) throw new Error(`no labelled images under ${samplesPath} (expected <policy id>/... and none/...)`);
    if (skipped.length) io.err(`skipped ${skipped.length} non-image file(s)`);
    const started = Date.now();
    let lastShown = -1;
    const report = await lab.evaluate(text, samples, {
      standalone,
      targetPrecision: target(opts['target-precision'], 'target-precision'),
      targetRecall: target(opts['target-recall'], 'target-recall'),
      progress: (done, total) => {
        const pct = Math.floor((100 * done) / total);
        if (pct === lastShown && done !== total) return;
        lastShown = pct;
        io.progress(`scoring ${done}/${total} images (${pct}%, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      },
    });
    for (const f of report.failed) io.err(`${f.name}: ${f.error}`);
    if (cmd === 'eval') {
      // With the JSON on stdout, the notes about written files go to stderr so stdout stays parsable.
      const jsonOut = opts.json === true;
      const note = jsonOut ? io.err : io.out;
      if (jsonOut) io.out(JSON.stringify(report, null, 2));
      else io.out(renderTextReport(report));
      if (typeof opts.html === 'string') {
        fs.mkdirSync(path.dirname(path.resolve(opts.html)), { recursive: true });
        fs.writeFileSync(opts.html, renderHtmlReport(report));
        note(`HTML report: ${opts.html}`);
      }
      if (typeof opts.json === 'string') {
        fs.writeFileSync(opts.json, JSON.stringify(report, null, 2));
        io.out(`JSON report: ${opts.json}`);
      }
      return 0;
    }
    // calibrate
    const wanted = typeof opts.policies === 'string' ? opts.policies.split(',').map((s) => s.trim()) : null;
    const fits: Record<string, { a: number; b: number }> = {};
    for (const p of report.policies) {
      if (wanted && !wanted.includes(p.policyId)) continue;
      const c = p.calibration;
      if (!c.fitted) {
        io.out(`${p.policyId}: not fitted (${c.note})`);
        continue;
      }
      fits[p.policyId] = c.fitted;
      io.out(`${p.policyId}: calibration: { method: platt, a: ${c.fitted.a}, b: ${c.fitted.b} }  ECE ${c.before.ece.toFixed(3)} -> ${c.after!.ece.toFixed(3)} (out-of-fold), Brier ${c.before.brier.toFixed(3)} -> ${c.after!.brier.toFixed(3)}`);
    }
    if (opts.write === true && Object.keys(fits).length) {
      const fitted = `${new Date().toISOString().slice(0, 10)} on ${report.samples.total} samples from ${path.basename(path.resolve(samplesPath))}, model ${report.modelId}`;
      fs.writeFileSync(policyFile, writeCalibration(text, fits, fitted));
      io.out(`wrote calibration for ${Object.keys(fits).join(', ')} into ${policyFile}: thresholds of these policies are now probabilities, re-check them with eval`);
    }
    return 0;
  } catch (e) {
    const msg = e instanceof AppError ? `${e.code}: ${e.message}${e.details?.errors ? '\n' + (e.details.errors as { file: string; line: number; column: number; path: string; message: string }[]).map((i) => `${i.file}:${i.line}:${i.column} ${i.path}: ${i.message}`).join('\n') : ''}` : (e as Error).message;
    io.err(msg);
    return 1;
  } finally {
    if (own) await ctx.close();
  }
}

if (require.main === module) {
  const tty = process.stderr.isTTY;
  runPolicyCli(process.argv.slice(2), {
    out: (s) => console.log(s),
    err: (s) => console.error(s),
    // Not a terminal (CI logs): every 10% rather than every image.
    progress: (s) => {
      if (tty) process.stderr.write(`\r${s}\x1b[K`);
      else if (/\((100|[1-9]0)%/.test(s)) process.stderr.write(`${s}\n`);
    },
  }, undefined, process.env).then(
    (code) => {
      if (tty) process.stderr.write('\n');
      process.exit(code);
    },
    (e) => {
      console.error(`policy failed: ${(e as Error)?.message ?? e}`);
      process.exit(1);
    },
  );
}
