/**
 * `npm run moderate -- <file...>`: the decision table for local files, through the same modules as
 * the HTTP service (media intake, CLIP engine, active policies, decision engine).
 * stdout carries the table (or JSON lines with --json) alone; logs go to stderr, warnings and errors
 * only unless LOG_LEVEL or --verbose asks for more.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import * as fs from 'fs';
import { AppModule } from '../app.module';
import { AppError } from '../common/app-error';
import { Env } from '../config/env';
import { ModerationCommit } from '../jobs/moderation-commit.service';
import { ModerationService } from '../moderation/moderation.service';
import { cliLogger } from './cli-logger';

function pad(s: string, n: number): string {
  return s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length);
}

async function main(files: string[], env: Env): Promise<number> {
  if (files.length === 0 || files.includes('--help')) {
    console.error('usage: npm run moderate -- [--json] [--verbose] <image file...>');
    return 2;
  }
  const json = files.includes('--json');
  const verbose = files.includes('--verbose');
  const paths = files.filter((f) => f !== '--json' && f !== '--verbose');
  const app = await NestFactory.createApplicationContext(
    AppModule.create((c) => ({ ...c, policies: { ...c.policies, watch: false } })),
    { logger: cliLogger(env, verbose) },
  );
  const moderation = app.get(ModerationService);
  const commit = app.get(ModerationCommit);
  let failures = 0;
  try {
    for (const file of paths) {
      let data: Buffer;
      try {
        data = fs.readFileSync(file);
      } catch (e) {
        console.error(`${file}: cannot read (${(e as Error).message})`);
        failures++;
        continue;
      }
      try {
        const { body } = await moderation.moderate(data, { blur: 'none', client: 'cli', requestId: 'cli' }, (m) => commit.commit(m, {}));
        if (json) {
          console.log(JSON.stringify({ file, ...body }));
          continue;
        }
        console.log(`\n${file}: ${body.decision.toUpperCase()}  (${body.image.format} ${body.image.width}x${body.image.height}, ${body.timings.total_ms} ms, model ${body.model.id}, policies ${body.policy_set.version})`);
        console.log(`  ${pad('policy', 20)} ${pad('action', 7)} ${pad('score', 8)} ${pad('flag/blur/block', 20)} matched prompt`);
        for (const p of [...body.policies, ...body.shadow]) {
          const t = [p.thresholds.flag, p.thresholds.blur, p.thresholds.block].map((x) => (x === undefined ? '-' : x.toFixed(3))).join('/');
          console.log(`  ${pad(p.policy_id + (p.mode === 'shadow' ? '*' : ''), 20)} ${pad(p.action, 7)} ${pad(p.score.toFixed(4), 8)} ${pad(t, 20)} ${p.matched_prompt ?? ''}`);
        }
      } catch (e) {
        failures++;
        const msg = e instanceof AppError ? `${e.code}: ${e.message}` : (e as Error).message;
        console.error(`${file}: ${msg}`);
      }
    }
  } finally {
    await app.close();
  }
  return failures ? 1 : 0;
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`moderate failed: ${(e as Error)?.message ?? e}`);
    process.exit(1);
  },
);
