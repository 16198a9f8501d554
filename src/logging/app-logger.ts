import { Inject, Injectable } from '@nestjs/common';
import { Logger, Params, PARAMS_PROVIDER_TOKEN, PinoLogger } from 'nestjs-pino';
import type { LoggingConfig } from '../config/logging';
import { createRootLogger } from './root-logger';

/**
 * Nest's own start-up chatter: one line per module and per route (about 100 lines). Useful when
 * debugging wiring, noise otherwise, so it is logged at debug.
 */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** The application logger: nestjs-pino's, with the framework's info lines moved to debug. */
@Injectable()
export class AppLogger extends Logger {
  constructor(logger: PinoLogger, @Inject(PARAMS_PROVIDER_TOKEN) params: Params) {
    super(logger, params);
  }

  /** For NestFactory.create, before the modules (and LoggingModule's instance) exist: the same root logger. */
  static create(cfg: LoggingConfig): AppLogger {
    const pinoHttp = { logger: createRootLogger(cfg) };
    return new AppLogger(new PinoLogger({ pinoHttp }), { pinoHttp });
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context)) super.debug(message, ...optionalParams);
    else super.log(message, ...optionalParams);
  }
}
