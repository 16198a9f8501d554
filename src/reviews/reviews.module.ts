import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { AppealsController } from './appeals.controller';
import { AppealsService } from './appeals.service';
import { PreviewController } from './preview.controller';
import { ReviewEvents } from './review-events';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

@Module({
  imports: [MediaModule],
  providers: [ReviewsRepository, ReviewsService, AppealsService, ReviewEvents],
  controllers: [ReviewsController, AppealsController, PreviewController],
  exports: [ReviewsService],
})
export class ReviewsModule {}
