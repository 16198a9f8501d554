import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { AppealsController, ReviewsController } from './reviews.controller';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

@Module({
  imports: [MediaModule],
  providers: [ReviewsRepository, ReviewsService],
  controllers: [ReviewsController, AppealsController],
  exports: [ReviewsService],
})
export class ReviewsModule {}
