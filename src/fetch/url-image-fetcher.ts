import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import type { FetchConfig } from '../config/jobs-and-webhooks';
import { SafeHttp, SafeHttpError } from './safe-http.service';

/** `{"url": ...}` intake: the image bytes behind a URL, or a stable error code saying why not. */
@Injectable()
export class UrlImageFetcher {
  private readonly cfg: FetchConfig;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly http: SafeHttp,
  ) {
    this.cfg = config.fetch;
  }

  /**
   * The fetch rules a well-formed URL must also meet, checked without any network access (also for
   * async submissions, so that they are refused at once): http(s) only, no credentials. That it is
   * an absolute URL of at most 4096 characters is the request DTO's check (ModerationJsonBodyDto).
   */
  static validate(raw: string): string {
    if (!URL.canParse(raw)) throw new AppError('url_not_allowed', 'url is not an absolute URL', { reason: 'invalid' });
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      throw new AppError('url_not_allowed', `url scheme ${u.protocol} is not allowed (http and https only)`, { reason: 'scheme', scheme: u.protocol.slice(0, -1) });
    }
    if (u.username || u.password) throw new AppError('url_not_allowed', 'URLs with credentials are not allowed', { reason: 'credentials' });
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
        if (e.reason === 'not_allowed') throw new AppError('url_not_allowed', e.message, { reason: 'address', ...e.details });
        // validate() passed the caller's URL, so this is a redirect target (details.hop names it).
        if (e.reason === 'invalid_url') throw new AppError('url_not_allowed', e.message, { reason: 'redirect', ...e.details });
        if (e.reason === 'too_large') throw new AppError('payload_too_large', e.message, { reason: e.reason, ...e.details });
        throw new AppError('url_fetch_failed', e.message, { reason: e.reason });
      }
      throw new AppError('url_fetch_failed', 'the URL could not be fetched', { reason: 'network' });
    }
  }
}
