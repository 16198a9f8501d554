import { Controller, Get, HttpCode, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AcceptsBody } from '../common/body.interceptor';
import { ApiErrors } from '../common/openapi';
import { SearchByImageQuery } from './dto/search-by-image.dto';
import { AppError } from '../common/app-error';
import { Roles } from '../common/auth.guard';
import { qs } from '../records/query';
import { SearchService } from './search.service';

const DECISIONS = ['allow', 'flag', 'blur', 'block'];

@ApiTags('search')
@Controller('v1/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @Roles('moderator')
  @ApiOperation({ summary: 'Rank stored moderation records by similarity to a text (q) or to another record (similar_to)' })
  @ApiQuery({ name: 'q', required: false, description: 'text, e.g. "a pistol"' })
  @ApiQuery({ name: 'similar_to', required: false, description: 'a moderation id: near duplicates' })
  @ApiQuery({ name: 'decision', required: false, description: 'comma-separated: allow,flag,blur,block' })
  @ApiQuery({ name: 'policy', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({ description: '{ model, searched, search_ms, items: [{ moderation_id, similarity, decision, created_at, ... }] }' })
  find(@Query() q: Record<string, unknown>) {
    const text = qs.str(q, 'q', 500);
    const similar = qs.str(q, 'similar_to');
    if (!text === !similar) throw new AppError('invalid_parameter', 'give exactly one of q or similar_to', { parameter: 'q' });
    const decision = qs.str(q, 'decision')?.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = decision?.filter((d) => !DECISIONS.includes(d));
    if (bad?.length) throw new AppError('invalid_parameter', `decision must be among ${DECISIONS.join(', ')}`, { parameter: 'decision' });
    const f = { decision, policy: qs.str(q, 'policy'), from: qs.time(q, 'from'), to: qs.time(q, 'to') };
    const limit = qs.int(q, 'limit', 20, 1, 200);
    return text ? this.search.byText(text, f, limit) : this.search.similarTo(similar!, f, limit);
  }

  @Post('image')
  @HttpCode(200)
  @Roles('moderator')
  @AcceptsBody({ image: true })
  @UseInterceptors(FileInterceptor('image'))
  @ApiConsumes('multipart/form-data', 'image/png', 'image/jpeg', 'image/webp', 'image/gif')
  @ApiOperation({ summary: 'Near duplicates of an uploaded image (multipart "image" or a raw image/* body) among stored records; the image itself is not stored' })
  @ApiOkResponse({ description: '{ model, searched, search_ms, items: [{ moderation_id, similarity, decision, created_at, ... }] }' })
  @ApiErrors('invalid_parameter', 'missing_image', 'image_undecodable', 'unsupported_media_type', 'payload_too_large')
  byImage(@Query() q: SearchByImageQuery, @Req() req: Request, @UploadedFile() file?: Express.Multer.File) {
    const data = file?.buffer ?? (Buffer.isBuffer(req.body) ? req.body : undefined);
    if (!data?.length) throw new AppError('missing_image', 'send the image as multipart field "image" or as a raw image/* body');
    const decision = q.decision?.split(',');
    return this.search.byImage(data, { decision, policy: q.policy }, q.limit ?? 20);
  }
}
