import { Module } from '@nestjs/common';
import { DeliveryWorker } from './delivery-worker.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Subscriptions API and the delivery worker (events come from src/outbox). */
@Module({
  providers: [WebhooksRepository, WebhooksService, DeliveryWorker],
  controllers: [WebhooksController],
})
export class WebhooksModule {}
