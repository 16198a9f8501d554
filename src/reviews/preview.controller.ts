import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth.guard';
import { ApiErrors } from '../common/openapi';
import { ModerationIdParams } from './dto/moderation-id.dto';
import { ReviewsService } from './reviews.service';

@ApiTags('reviews')
@Controller('v1/moderations')
export class PreviewController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get(':id/preview')
  @Roles('moderator')
  @ApiOperation({ summary: 'The blurred preview of a kept moderation image (search results); originals are revealed only through a review item' })
  @ApiProduces('image/png', 'image/jpeg', 'image/webp')
  @ApiOkResponse({ description: 'the blurred image' })
  @ApiErrors('invalid_parameter', 'not_found', 'image_not_kept')
  async preview(@Param() p: ModerationIdParams, @Res() res: Response): Promise<void> {
    const img = await this.reviews.preview(p.id);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Disposition', 'inline');
    res.status(200).type(img.contentType).send(img.data);
  }
}
