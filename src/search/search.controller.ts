import { Controller, Get, HttpCode, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AcceptsBody } from '../common/body.interceptor';
import { SearchByImageQuery } from './dto/search-by-image.dto';
import { AppError } from '../common/app-error';
import { Roles } from '../common/auth.guard';
import { ApiErrors } from '../common/openapi';
import { SearchQueryDto, SearchResponse } from './dto/search.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@Controller('v1/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @Roles('moderator')
  @ApiOperation({ summary: 'Search stored moderations by similarity', description: 'Ranks stored moderation records by similarity to a text (q) or to another record (similar_to), best first' })
  @ApiOkResponse({ type: SearchResponse, description: 'The best matches, best first' })
  @ApiErrors('invalid_parameter', 'not_found', 'rate_limited', 'not_ready', 'overloaded', 'model_unavailable', 'deadline_exceeded')
  find(@Query() q: SearchQueryDto): Promise<SearchResponse> {
    const f = { decision: q.decision, policy: q.policy, from: q.from, to: q.to };
    const limit = q.limit ?? 20;
    return q.q !== undefined ? this.search.byText(q.q, f, limit) : this.search.similarTo(q.similar_to!, f, limit);
  }

  @Post('image')
  @HttpCode(200)
  @Roles('moderator')
  @AcceptsBody({ image: true })
  @UseInterceptors(FileInterceptor('image'))
  @ApiConsumes('multipart/form-data', 'image/png', 'image/jpeg', 'image/webp', 'image/gif')
  @ApiOperation({ summary: 'Near duplicates of an uploaded image (multipart "image" or a raw image/* body) among stored records; the image itself is not stored' })
  @ApiOkResponse({ type: SearchResponse, description: 'The nearest stored records, best first' })
  @ApiErrors('invalid_parameter', 'missing_image', 'image_undecodable', 'unsupported_media_type', 'payload_too_large')
  byImage(@Query() q: SearchByImageQuery, @Req() req: Request, @UploadedFile() file?: Express.Multer.File): Promise<SearchResponse> {
    const data = file?.buffer ?? (Buffer.isBuffer(req.body) ? req.body : undefined);
    if (!data?.length) throw new AppError('missing_image', 'send the image as multipart field "image" or as a raw image/* body');
    const decision = q.decision?.split(',');
    return this.search.byImage(data, { decision, policy: q.policy }, q.limit ?? 20);
  }
}
