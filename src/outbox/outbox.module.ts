import { Global, Module } from '@nestjs/common';
import { OutboxRetention } from './outbox-retention.service';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

/** Events committed with the changes they describe; delivered by src/webhooks. */
@Global()
@Module({
  providers: [OutboxService, OutboxRetention, OutboxRepository],
  exports: [OutboxService, OutboxRetention],
})
export class OutboxModule {}
