import { Module } from '@nestjs/common';
import { HostResolver } from './resolver';
import { SafeHttp } from './safe-http.service';
import { UrlImageFetcher } from './url-image-fetcher';

/** Outbound HTTP for URL intake and webhook delivery, with SSRF protection. */
@Module({
  providers: [HostResolver, SafeHttp, UrlImageFetcher],
  exports: [SafeHttp, UrlImageFetcher, HostResolver],
})
export class FetchModule {}
