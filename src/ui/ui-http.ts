import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { UiConfig } from '../config/ui';
import { loadAssets } from './ui-assets';

/** The dashboard's Content-Security-Policy: nothing inline, nothing from elsewhere. */
export const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the dashboard's files under UI_PATH and gives everything there (the session API included)
 * the strict CSP above in place of helmet's general one. Registered after helmet (http-setup.ts).
 */
export function mountUi(app: INestApplication, ui: UiConfig): void {
  if (!ui.enabled) return;
  const assets = loadAssets(ui.path);
  app.use(ui.path, (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', UI_CSP);
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const url = req.originalUrl.split('?')[0];
    if (url === ui.path) return res.redirect(302, `${ui.path}/`);
    const a = assets.get(url);
    if (!a) return next();
    res.setHeader('Cache-Control', a.cacheControl);
    res.setHeader('ETag', a.etag);
    if (req.header('if-none-match') === a.etag) return res.status(304).end();
    res.status(200).type(a.type).send(a.body);
  });
}
