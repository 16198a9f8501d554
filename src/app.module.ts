import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { AuthGuard } from './common/auth.guard';
import { ErrorFilter } from './common/error.filter';
import { ReliabilityModule } from './common/reliability.module';
import { AppConfig } from './config/configuration';
import { ConfigModule } from './config/config.module';
import { EngineMetricsModule } from './engine-metrics.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsModule } from './metrics/metrics.module';
import { IntakeModule } from './intake/intake.module';
import { ModerationModule } from './moderation/moderation.module';
import { PolicyApiModule } from './policies/policy-api.module';
import { AuditModule } from './audit/audit.module';
import { BanksModule } from './banks/banks.module';
import { RecordsModule } from './records/records.module';
import { ReviewsModule } from './reviews/reviews.module';
import { SearchModule } from './search/search.module';
import { FetchModule } from './fetch/fetch.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { JobsModule } from './jobs/jobs.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { StorageModule } from './storage/storage.module';
import { UiModule } from './ui/ui.module';

/** The application: feature modules plus the global error filter and auth guard. */
@Module({})
export class AppModule implements NestModule {
  static create(overrides?: (c: AppConfig) => AppConfig) {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(overrides),
        // After-commit notifications between modules (src/common/events.ts): a module announces what it
        // committed and whoever cares subscribes with @OnEvent, so no arrow runs back up the layers.
        EventEmitterModule.forRoot(),
        LoggingModule,
        MetricsModule,
        ReliabilityModule,
        EngineMetricsModule,
        StorageModule,
        AuditModule,
        FetchModule,
        IdempotencyModule,
        JobsModule,
        RecordsModule,
        BanksModule,
        ModerationModule,
        IntakeModule,
        HealthModule,
        PolicyApiModule,
        ReviewsModule,
        SearchModule,
        WebhooksModule,
        UiModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
