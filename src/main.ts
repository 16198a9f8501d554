import 'reflect-metadata';
// Before anything loads sharp: libvips reads it once, at start-up (untrusted loaders off).
import './media/vips-env';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { installGracefulShutdown } from './common/graceful-shutdown';
import { configureHttp, TimedExpressAdapter } from './http-setup';
import { AppLogger } from './logging/app-logger';
import { installFatalErrorLog } from './logging/fatal-errors';
import { createRootLogger } from './logging/root-logger';
import { AppConfig, loadConfig } from './config/configuration';
import { CREATE_KEYS_HINT, isLoopback } from './config/http';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    console.error(`configuration error: ${(e as Error).message}`);
    process.exit(2);
  }
  // From here on an error no handler caught is logged as JSON (one fatal line) before the exit.
  installFatalErrorLog(createRootLogger(config.logging));
  const app = await NestFactory.create(AppModule.create(), new TimedExpressAdapter(config.http), {
    bodyParser: false,
    // pino from the first line (LOG_LEVEL, LOG_FORMAT), so even a failure while the modules are
    // created is logged as JSON, and each line is written when it happens.
    logger: AppLogger.create(config.logging),
  });
  configureHttp(app);
  const server = await app.listen(config.http.port, config.http.host);
  const log = new Logger('Main');
  installGracefulShutdown(app, server, config.http.shutdownGraceMs, log);
  const addr = server.address();
  const port = addr && typeof addr === 'object' ? addr.port : config.http.port;
  log.log(`listening on http://${config.http.host}:${port}${config.http.docs === 'off' ? '' : ` (docs at /docs, ${config.http.docs === 'key' ? 'API key required' : 'public'})`}`);
  if (config.auth.keys.length === 0) {
    // The last start-up line, on stderr, whatever LOG_LEVEL says: it must not be lost among the rest.
    const reach = isLoopback(config.http.host) ? `only from this machine (${config.http.host})` : `FROM THE NETWORK (${config.http.host}, AUTH_DISABLED_ALLOW_REMOTE=true)`;
    console.error(`\n*** AUTHENTICATION IS OFF: API_KEYS is empty, every caller is an anonymous admin, reachable ${reach}.\n*** To turn it on, ${CREATE_KEYS_HINT}.\n`);
  }
}

bootstrap().catch((e) => {
  // Start-up errors (bad model folder, invalid policy file) name the file; print them plainly.
  console.error(`start-up failed: ${(e as Error)?.message ?? e}`);
  process.exit(1);
});
