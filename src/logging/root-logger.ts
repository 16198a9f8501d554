import pino, { DestinationStream, Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { LoggingConfig } from '../config/logging';

/**
 * Never written, wherever they appear in a logged object: credentials a request carries and the
 * secrets the service holds. The access line does not log headers at all; this is the safety net
 * for an object logged whole by mistake.
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'password',
  'secret',
  'api_key',
  '["x-api-key"]',
  '["set-cookie"]',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.secret',
  '*.api_key',
  '*["x-api-key"]',
  '*["set-cookie"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-api-key"]',
  '*.headers["set-cookie"]',
];

/**
 * The one pino logger of the process. JSON lines on stdout, written synchronously (a line logged
 * just before process.exit is not lost); pino-pretty in the same thread for a terminal, coloured
 * only when stdout is one. `stream` replaces stdout (tests).
 */
export function createRootLogger(cfg: LoggingConfig, stream?: DestinationStream): Logger {
  // One logger per process and configuration: main.ts creates it before the modules, LoggingModule finds it.
  const key = JSON.stringify(cfg);
  if (!stream && shared?.key === key) return shared.logger;
  const logger = build(cfg, stream);
  if (!stream) shared = { key, logger };
  return logger;
}

let shared: { key: string; logger: Logger } | undefined;

function build(cfg: LoggingConfig, stream?: DestinationStream): Logger {
  const destination =
    stream ??
    (cfg.format === 'pretty'
      ? pinoPretty({
          colorize: cfg.colors,
          sync: true,
          destination: 1,
          translateTime: 'SYS:HH:MM:ss.l',
          messageFormat: '{if context}({context}) {end}{msg}',
          ignore: 'pid,hostname,context',
        })
      : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: cfg.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not numbers: `"level":"info"` reads without a table.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
