import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { AppealsController } from './appeals.controller';
import { AppealsService } from './appeals.service';
import { PreviewController } from './preview.controller';
import { ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

@Module({
  imports: [MediaModule],
  providers: [ReviewsRepository, ReviewsService, AppealsService],
  controllers: [ReviewsController, AppealsController, PreviewController],
  exports: [ReviewsService],
})
export class ReviewsModule {}
