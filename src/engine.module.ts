import { APP_CONFIG, AppConfig } from './config/configuration';
import { ClipModule } from './clip/clip.module';

/**
 * The one ClipModule of the app, configured from the validated config. Every module that needs the
 * engine imports this same object (Nest keeps one instance of a dynamic module per definition), so the
 * model is loaded once per process without making ClipService global. CoreModule re-exports it.
 */
export const EngineModule = ClipModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (c: AppConfig) => ({ ...c.clip, limitInputPixels: c.media.maxPixels }),
});
