import { FilesInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { AppError } from '../common/app-error';
import { routeMultipart } from '../common/multipart';

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
export const BatchImagesInterceptor = routeMultipart((options, config) => {
  const limit = config.batch.maxItems;
  const seen = new WeakMap<Request, number>();
  const fileFilter = (req: Request, _file: Express.Multer.File, accept: (err: Error | null, keep: boolean) => void) => {
    const n = (seen.get(req) ?? 0) + 1;
    seen.set(req, n);
    if (n > limit) return accept(tooManyFiles(limit), false);
    accept(null, true);
  };
  return new (FilesInterceptor(BATCH_FILE_PART, undefined, { fileFilter }))(options);
});

export function tooManyFiles(limit: number): AppError {
  return new AppError('too_many_items', `a batch holds at most ${limit} items: the multipart body has more "${BATCH_FILE_PART}" files`, { limit, items: null });
}
