import { Global, Module } from '@nestjs/common';
import { OutboxRetention } from './outbox-retention.service';
import { OutboxService } from './outbox.service';
import { ReviewEvents } from './review-events';

/** Events committed with the changes they describe; delivered by src/webhooks. */
@Global()
@Module({
  providers: [OutboxService, ReviewEvents, OutboxRetention],
  exports: [OutboxService, OutboxRetention],
})
export class OutboxModule {}
