import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MediaModule } from '../media/media.module';
import { RecordsModule } from '../records/records.module';
import { AppealsController } from './appeals.controller';
import { AppealsService } from './appeals.service';
import { PreviewController } from './preview.controller';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

@Module({
  imports: [MediaModule, AuditModule, RecordsModule],
  providers: [ReviewsRepository, ReviewsService, AppealsService],
  controllers: [ReviewsController, AppealsController, PreviewController],
  exports: [ReviewsService],
})
export class ReviewsModule {}
