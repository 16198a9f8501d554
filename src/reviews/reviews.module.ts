import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BanksModule } from '../banks/banks.module';
import { MediaModule } from '../media/media.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { RecordsModule } from '../records/records.module';
import { AppealsController } from './appeals.controller';
import { AppealsService } from './appeals.service';
import { PreviewController } from './preview.controller';
import { ReviewEvents } from './review-events';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';
import { StorageModule } from '../storage/storage.module';

@Module({
  // ReviewEvents writes review and appeal events through the webhooks' outbox (OutboxService); an overturning
  // verdict removes what was banked from its moderation (BanksService), in the verdict's transaction.
  imports: [StorageModule, MediaModule, AuditModule, RecordsModule, WebhooksModule, BanksModule],
  providers: [ReviewsRepository, ReviewsService, AppealsService, ReviewEvents],
  controllers: [ReviewsController, AppealsController, PreviewController],
  exports: [ReviewsService],
})
export class ReviewsModule {}
