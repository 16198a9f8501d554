import { Inject, Module } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ReliabilityModule } from '../common/reliability.module';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { UiSessionController } from './ui-session.controller';

/**
 * The moderator dashboard's server side: the sign-in API. The files are served by mountUi
 * (ui-http.ts, from configureHttp); the SPA then calls the /v1 API with its session cookie.
 */
@Module({ imports: [ReliabilityModule], controllers: [UiSessionController] })
export class UiModule {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // UI_PATH is known only once the config is loaded; Nest reads a controller's path when it
    // registers routes (app.init), after modules are constructed, so set it here.
    Reflect.defineMetadata(PATH_METADATA, `${config.ui.path.slice(1)}/api/session`, UiSessionController);
  }
}
