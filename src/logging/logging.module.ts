import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { httpLoggerOptions } from './access-log';
import { AppLogger } from './app-logger';
import { createRootLogger } from './root-logger';

/**
 * Structured logs (pino through nestjs-pino): the access line per request, request-bound logs
 * carrying request_id, and AppLogger, which main.ts makes Nest's logger so every `new Logger(ctx)`
 * in the code base writes through pino. Tests and CLIs keep Nest's console logger.
 * Global on purpose: infrastructure used from every module (request-bound logging), like config and storage.
 */
@Global()
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({ pinoHttp: httpLoggerOptions(createRootLogger(c.logging)) }),
    }),
  ],
  providers: [AppLogger],
  exports: [AppLogger],
})
export class LoggingModule {}
