import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth.guard';
import { ApiErrors, binaryContent } from '../common/openapi';
import { ModerationIdParams } from '../records/moderation-id.dto';
import { PreviewQueryDto } from './dto/preview-query.dto';
import { ReviewsService } from './reviews.service';

@ApiTags('reviews')
@Controller('v1/moderations')
export class PreviewController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get(':id/preview')
  @Roles('moderator')
  @ApiOperation({
    summary: 'The blurred preview of a kept moderation image (search results), or of one frame of an animation (?frame=N); originals are revealed only through a review item',
  })
  @ApiOkResponse({
    description: 'The blurred image, one still frame (in the original format where it can be written, else PNG; an APNG frame is PNG)',
    content: binaryContent(),
    headers: {
      'Cache-Control': { description: 'private, no-store', schema: { type: 'string' } },
      'Content-Disposition': { description: 'inline', schema: { type: 'string' } },
    },
  })
  @ApiErrors('invalid_parameter', 'not_animated', 'not_found', 'frame_not_found', 'image_not_kept')
  async preview(@Param() p: ModerationIdParams, @Query() q: PreviewQueryDto, @Res() res: Response): Promise<void> {
    const img = await this.reviews.preview(p.id, q.frame);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Disposition', 'inline');
    res.status(200).type(img.contentType).send(img.data);
  }
}
