import type { Logger } from 'pino';

/**
 * A programming error that escapes every handler (an exception thrown from a callback, a rejected
 * promise nobody awaited) ends the process, as Node does by default: its state can no longer be
 * trusted, and the orchestrator restarts it. What this adds is the record: Node's own report is a
 * bare stack trace on stderr, which a log pipeline reading JSON lines from stdout drops or garbles.
 * Here it is one `fatal` line through the process's logger (written synchronously, see
 * root-logger.ts), with the error serialised and the origin named, before the exit with code 1.
 */
export function installFatalErrorLog(log: Logger): void {
  process.on('uncaughtException', (err, origin) => {
    try {
      log.fatal({ err, origin }, origin === 'unhandledRejection' ? 'unhandled promise rejection; exiting' : 'uncaught exception; exiting');
    } finally {
      process.exit(1);
    }
  });
}
