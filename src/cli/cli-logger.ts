import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { Env, oneOf } from '../config/env';

const LEVELS = ['error', 'warn', 'log', 'debug'] as const;

/**
 * The command-line tools print their answer (a report, JSON) on stdout, so stdout must carry that
 * alone: every log line goes to stderr. Nest's ConsoleLogger writes everything below `error` to
 * stdout, which made `policy eval --json > out.json` unparsable.
 */
export class StderrLogger extends ConsoleLogger {
  protected printMessages(messages: unknown[], context?: string, logLevel?: LogLevel, _stream?: 'stdout' | 'stderr', errorStack?: unknown): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}

/**
 * The log levels a CLI run shows: quiet by default (warnings and errors), `LOG_LEVEL` when set
 * (so `LOG_LEVEL=error` silences warnings), and everything up to `log` with `--verbose`.
 */
export function cliLogLevels(env: Env, verbose: boolean): LogLevel[] {
  const level = verbose ? 'log' : oneOf(env, 'LOG_LEVEL', 'warn', LEVELS);
  return LEVELS.slice(0, LEVELS.indexOf(level) + 1) as LogLevel[];
}

/** The logger a CLI hands to NestFactory: stderr only, at the levels above, coloured only on a terminal. */
export function cliLogger(env: Env, verbose: boolean): StderrLogger {
  return new StderrLogger({ logLevels: cliLogLevels(env, verbose), colors: process.stderr.isTTY === true });
}
