import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AdmissionControl } from './admission';
import { RateLimitInterceptor } from './rate-limit.interceptor';

/** Overload protection: admission control (in-flight bound, drain on shutdown) and per-key rate limits. */
@Global()
@Module({
  providers: [AdmissionControl, { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor }],
  exports: [AdmissionControl],
})
export class ReliabilityModule {}
