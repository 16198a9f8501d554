import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth.guard';
import { ApiErrors, binaryContent } from '../common/openapi';
import { ModerationIdParams } from './dto/moderation-id.dto';
import { ReviewsService } from './reviews.service';

@ApiTags('reviews')
@Controller('v1/moderations')
export class PreviewController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get(':id/preview')
  @Roles('moderator')
  @ApiOperation({ summary: 'The blurred preview of a kept moderation image (search results); originals are revealed only through a review item' })
  @ApiOkResponse({
    description: 'The blurred image (in the original format where it can be written, else PNG)',
    content: binaryContent(),
    headers: {
      'Cache-Control': { description: 'private, no-store', schema: { type: 'string' } },
      'Content-Disposition': { description: 'inline', schema: { type: 'string' } },
    },
  })
  @ApiErrors('invalid_parameter', 'not_found', 'image_not_kept')
  async preview(@Param() p: ModerationIdParams, @Res() res: Response): Promise<void> {
    const img = await this.reviews.preview(p.id);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Disposition', 'inline');
    res.status(200).type(img.contentType).send(img.data);
  }
}
