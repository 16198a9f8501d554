import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'http';
import { AdmissionControl } from './admission';

/**
 * SIGTERM/SIGINT: stop accepting connections, let every request already received finish (each
 * response now closes its connection), then close the application (job runners and webhook workers
 * finish what they hold in onModuleDestroy; the database and the model close after, in
 * onApplicationShutdown) and exit 0. Whatever is still running after graceMs is cut off
 * and the exit code is 1, so an orchestrator's logs show the grace period was too short.
 */
export function installGracefulShutdown(app: INestApplication, server: Server, graceMs: number, log: LoggerService): void {
  let started = false;
  const shutdown = async (signal: string) => {
    if (started) return;
    started = true;
    const admission = app.get(AdmissionControl);
    const t0 = Date.now();
    log.log(`${signal}: draining; ${admission.inFlight} image request(s) in flight, grace ${graceMs} ms`);
    admission.drain();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), graceMs)));
    const outcome = await Promise.race([Promise.all([closed, admission.idle()]).then(() => 'drained' as const), expired]);
    if (outcome === 'expired') {
      log.warn(`grace period over with ${admission.inFlight} image request(s) still in flight; closing connections`);
      server.closeAllConnections();
    }
    // Module shutdown hooks (workers, storage, job runners) get what is left of the grace period.
    const left = Math.max(1000, graceMs - (Date.now() - t0));
    const appClosed = await Promise.race([app.close().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), left).unref())]);
    clearTimeout(timer);
    if (!appClosed) log.warn('application shutdown hooks did not finish in time');
    log.log(`stopped in ${Date.now() - t0} ms (${outcome})`);
    process.exit(outcome === 'drained' && appClosed ? 0 : 1);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutdown(signal));
}
