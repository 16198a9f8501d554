import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { httpLoggerOptions } from './access-log';
import { AppLogger } from './app-logger';
import { createRootLogger } from './root-logger';

/**
 * Structured logs (pino through nestjs-pino): the access line per request, request-bound logs
 * carrying request_id, and AppLogger, which main.ts makes Nest's logger so every `new Logger(ctx)`
 * in the code base writes through pino. Tests and CLIs keep Nest's console logger.
 * Not global: AppModule imports it; AppLogger is fetched by main.ts, and nestjs-pino's own LoggerModule
 * (global) gives request-bound logging to any module.
 */
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
