import { Module } from '@nestjs/common';
import { JobsRepository } from '../jobs/jobs.repository';
import { OutboxRetention } from './outbox-retention.service';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { StorageModule } from '../storage/storage.module';

/** Events committed with the changes they describe; delivered by src/webhooks. */
@Module({
  imports: [StorageModule],
  // JobsRepository (stateless): the retention sweep deletes finished jobs; JobsModule imports this
  // module, so it cannot import JobsModule back.
  providers: [OutboxService, OutboxRetention, OutboxRepository, JobsRepository],
  exports: [OutboxService, OutboxRetention],
})
export class OutboxModule {}
