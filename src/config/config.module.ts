import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, loadConfig } from './configuration';

/**
 * Provides the validated AppConfig under APP_CONFIG; tests pass overrides instead of touching process.env.
 * Global on purpose: every module reads its settings, so an import in each would only add noise to the map.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(overrides?: (c: AppConfig) => AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useFactory: () => (overrides ? overrides(loadConfig()) : loadConfig()) }],
      exports: [APP_CONFIG],
    };
  }
}
