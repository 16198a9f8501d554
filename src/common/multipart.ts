import { DynamicModule } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { APP_CONFIG, AppConfig } from '../config/configuration';

/** Multer's limits that differ between the routes that take multipart bodies. */
export interface MultipartLimits {
  /** Bytes per file. */
  fileSize: number;
  files: number;
  /** Non-file fields, and the bytes of each. */
  fields: number;
  fieldSize: number;
  /** Files + fields + a margin: a body of thousands of empty parts is refused early. */
  parts: number;
}

/**
 * The one Multer setup of the service (Multer's options are per module, so each module that takes
 * multipart bodies imports its own): files stay in memory, never in a temp file, and every count and
 * size is bounded. Multer runs as the route's interceptor, after authentication (src/common/body.interceptor.ts).
 */
export function multipartModule(limits: (c: AppConfig) => MultipartLimits): DynamicModule {
  return MulterModule.registerAsync({
    inject: [APP_CONFIG],
    useFactory: (c: AppConfig) => ({ storage: memoryStorage(), limits: { ...limits(c), headerPairs: 100 } }),
  });
}
