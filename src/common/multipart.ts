import { CallHandler, DynamicModule, ExecutionContext, Inject, Injectable, mixin, NestInterceptor, Optional, Type } from '@nestjs/common';
import { MulterModule, MulterModuleOptions } from '@nestjs/platform-express';
import { MULTER_MODULE_OPTIONS } from '@nestjs/platform-express/multer/files.constants';
import { memoryStorage } from 'multer';
import { Observable } from 'rxjs';
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

/**
 * A route's own Multer interceptor, built on its module's options (multipartModule) with what only
 * that route changes (a smaller file size, a filter that refuses a file as it arrives): Nest's
 * FileInterceptor family takes the module's options as they are. `make` gets those options and the
 * configuration and returns the interceptor (e.g. `new (FileFieldsInterceptor(fields))(options)`).
 * It injects Multer's options as Nest's own do, which is how the body layer knows the route reads
 * multipart bodies (src/common/body.interceptor.ts).
 */
export function routeMultipart(make: (options: MulterModuleOptions, config: AppConfig) => NestInterceptor): Type<NestInterceptor> {
  @Injectable()
  class RouteMultipart implements NestInterceptor {
    private readonly multer: NestInterceptor;

    constructor(@Optional() @Inject(MULTER_MODULE_OPTIONS) options: MulterModuleOptions | undefined, @Inject(APP_CONFIG) config: AppConfig) {
      this.multer = make(options ?? {}, config);
    }

    intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
      return this.multer.intercept(ctx, next);
    }
  }
  return mixin(RouteMultipart);
}
