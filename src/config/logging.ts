import { Env, oneOf } from './env';

/** LOG_LEVEL names (Nest's `log` is pino's `info`; `info` is accepted as its synonym). */
export const LOG_LEVELS = ['debug', 'log', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Service logs (src/logging): pino, one JSON object per line unless a person is watching. */
export interface LoggingConfig {
  /** The pino level: debug | info | warn | error. */
  level: 'debug' | 'info' | 'warn' | 'error';
  /** json: one object per line (files, collectors); pretty: pino-pretty, for a terminal. */
  format: 'json' | 'pretty';
  /** Colours only when stdout is a terminal, whatever the format: no ANSI codes in files. */
  colors: boolean;
}

/** LOG_LEVEL, LOG_FORMAT (default: pretty on a terminal, json otherwise). */
export function loggingConfig(env: Env, stdoutIsTTY: boolean): LoggingConfig {
  const level = oneOf<LogLevelName>(env, 'LOG_LEVEL', 'log', LOG_LEVELS);
  return {
    level: level === 'log' ? 'info' : level,
    format: oneOf(env, 'LOG_FORMAT', stdoutIsTTY ? 'pretty' : 'json', ['json', 'pretty'] as const),
    colors: stdoutIsTTY,
  };
}
