import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OutboxRetention } from './outbox-retention.service';
import { OutboxService } from './outbox.service';
import { ReviewEvents } from './review-events';

/** Events committed with the changes they describe; delivered by src/webhooks. */
@Module({
  // ReviewEvents turns review and appeal audit entries into events (AuditService.observe).
  imports: [AuditModule],
  providers: [OutboxService, ReviewEvents, OutboxRetention],
  exports: [OutboxService, OutboxRetention],
})
export class OutboxModule {}
