import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import type { FetchConfig } from '../config/integration';
import { SafeHttp, SafeHttpError } from './safe-http.service';

/** `{"url": ...}` intake: the image bytes behind a URL, or a stable error code saying why not. */
@Injectable()
export class UrlImageFetcher {
  private readonly cfg: FetchConfig;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly http: SafeHttp,
  ) {
    this.cfg = config.integration.fetch;
  }

  /** Checks the form of a URL without any network access (for async submissions). */
  static validate(raw: unknown): string {
    if (typeof raw !== 'string' || raw.length > 4096) throw new AppError('invalid_parameter', 'url must be a string of at most 4096 characters');
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new AppError('invalid_parameter', 'url must be an absolute http(s) URL');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('invalid_parameter', 'url must use http or https');
    return raw;
  }

  async fetch(url: string): Promise<Buffer> {
    UrlImageFetcher.validate(url);
    try {
      const res = await this.http.request({ url, timeoutMs: this.cfg.timeoutMs, maxBytes: this.cfg.maxBytes, maxRedirects: this.cfg.maxRedirects, headers: { accept: 'image/*' } });
      if (res.status < 200 || res.status > 299) throw new AppError('url_fetch_failed', `the URL answered HTTP ${res.status}`, { reason: 'status', status: res.status });
      if (!res.body.length) throw new AppError('url_fetch_failed', 'the URL answered with an empty body', { reason: 'empty' });
      return res.body;
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof SafeHttpError) {
        if (e.reason === 'not_allowed') throw new AppError('url_not_allowed', e.message, { reason: e.reason, ...e.details });
        if (e.reason === 'invalid_url') throw new AppError('invalid_parameter', `url: ${e.message}`);
        if (e.reason === 'too_large') throw new AppError('payload_too_large', e.message, { reason: e.reason, ...e.details });
        throw new AppError('url_fetch_failed', e.message, { reason: e.reason });
      }
      throw new AppError('url_fetch_failed', 'the URL could not be fetched', { reason: 'network' });
    }
  }
}
