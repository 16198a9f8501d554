import { APP_CONFIG, AppConfig } from '../config/configuration';
import { ClipModule } from '../clip/clip.module';

/**
 * The one ClipModule of the app, configured from the validated config. Every module that needs the
 * engine imports this same object (Nest keeps one instance of a dynamic module per definition), so the
 * model is loaded once per process without making ClipService global. Its own folder so that modules
 * above it (policies, moderation, banks, search, health) need no arrow to src/ root, where app.module lives.
 */
export const EngineModule = ClipModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (c: AppConfig) => ({ ...c.clip, limitInputPixels: c.media.maxPixels }),
});
