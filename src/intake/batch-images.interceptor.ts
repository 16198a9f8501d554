import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, Optional } from '@nestjs/common';
import { FilesInterceptor, MulterModuleOptions } from '@nestjs/platform-express';
import { MULTER_MODULE_OPTIONS } from '@nestjs/platform-express/multer/files.constants';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { AppError } from '../common/app-error';
import { APP_CONFIG, AppConfig } from '../config/configuration';

/** The file parts of a multipart batch. */
export const BATCH_FILE_PART = 'images';

/**
 * Multer for POST /v1/moderations/batch (file parts "images"), refusing a body with more than
 * BATCH_MAX_ITEMS files as the JSON batch is refused: 413 `too_many_items` with `details.limit`,
 * not Multer's 400 "Too many files". Multer's own `files` limit is one more than BATCH_MAX_ITEMS
 * (intake.module.ts), so the first file over the limit reaches this filter, which stops the upload
 * there: the rest of the body is not read (the files kept so far are dropped), so how many it held
 * is not known and `details.items` is null.
 */
@Injectable()
export class BatchImagesInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor(@Optional() @Inject(MULTER_MODULE_OPTIONS) options: MulterModuleOptions | undefined, @Inject(APP_CONFIG) config: AppConfig) {
    const limit = config.batch.maxItems;
    const seen = new WeakMap<Request, number>();
    const fileFilter = (req: Request, _file: Express.Multer.File, accept: (err: Error | null, keep: boolean) => void) => {
      const n = (seen.get(req) ?? 0) + 1;
      seen.set(req, n);
      if (n > limit) return accept(tooManyFiles(limit), false);
      accept(null, true);
    };
    const Multer = FilesInterceptor(BATCH_FILE_PART, undefined, { fileFilter });
    this.multer = new Multer(options ?? {});
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    return this.multer.intercept(ctx, next);
  }
}

export function tooManyFiles(limit: number): AppError {
  return new AppError('too_many_items', `a batch holds at most ${limit} items: the multipart body has more "${BATCH_FILE_PART}" files`, { limit, items: null });
}
