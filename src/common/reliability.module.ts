import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AdmissionControl, AdmissionInterceptor } from './admission';
import { ApiKeys } from './api-keys';
import { BodyInterceptor } from './body.interceptor';
import { RateLimitInterceptor } from './rate-limit.interceptor';
import { Sessions } from './sessions';
import { UndeclaredQueryInterceptor } from './undeclared-query.interceptor';
import { StorageModule } from '../storage/storage.module';

/**
 * The request edge after the auth guard (AppModule's APP_GUARD): per-key rate limits, then per-key
 * admission of image requests, then a query string the route does not declare, then the body. Global
 * interceptors run in the order they are registered, so this order is what makes a refused request
 * cost no body read. Not global: AppModule (the auth guard), HealthModule (admission in readiness) and
 * UiModule (sign-in) import it.
 */
@Module({
  imports: [StorageModule],
  providers: [
    ApiKeys,
    Sessions,
    AdmissionControl,
    { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
    { provide: APP_INTERCEPTOR, useClass: AdmissionInterceptor },
    { provide: APP_INTERCEPTOR, useClass: UndeclaredQueryInterceptor },
    { provide: APP_INTERCEPTOR, useClass: BodyInterceptor },
  ],
  exports: [AdmissionControl, ApiKeys, Sessions],
})
export class ReliabilityModule {}
