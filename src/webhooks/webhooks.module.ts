import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FetchModule } from '../fetch/fetch.module';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryWorker } from './delivery-worker.service';
import { OutboxEventsRepository } from './outbox-events.repository';
import { OutboxRetention } from './outbox-retention.service';
import { OutboxService } from './outbox.service';
import { SubscriptionsRepository } from './subscriptions.repository';
import { WebhookSecrets } from './webhook-secrets';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';
import { StorageModule } from '../storage/storage.module';
import { MetricsModule } from '../metrics/metrics.module';

/**
 * Webhooks: the transactional outbox (OutboxService.emit, called in the transaction of the change an
 * event describes, by jobs, banks and reviews), the subscriptions API, the delivery worker and the
 * retention of events and deliveries. Imports nothing of the modules that emit.
 */
@Module({
  imports: [MetricsModule, StorageModule, FetchModule, AuditModule],
  providers: [OutboxEventsRepository, DeliveriesRepository, SubscriptionsRepository, OutboxService, OutboxRetention, WebhookSecrets, WebhooksService, DeliveryWorker],
  controllers: [WebhooksController],
  exports: [OutboxService],
})
export class WebhooksModule {}
