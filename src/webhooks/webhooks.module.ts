import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FetchModule } from '../fetch/fetch.module';
import { OutboxModule } from '../outbox/outbox.module';
import { DeliveryWorker } from './delivery-worker.service';
import { WebhookSecrets } from './webhook-secrets';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';
import { StorageModule } from '../storage/storage.module';
import { MetricsModule } from '../metrics/metrics.module';

/** Subscriptions API and the delivery worker (events come from src/outbox). */
@Module({
  imports: [MetricsModule, StorageModule, FetchModule, OutboxModule, AuditModule],
  providers: [WebhooksRepository, WebhookSecrets, WebhooksService, DeliveryWorker],
  controllers: [WebhooksController],
})
export class WebhooksModule {}
