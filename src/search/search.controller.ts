import { Controller, Get, HttpCode, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import { AcceptsBody } from '../common/body.interceptor';
import { SearchByImageForm, SearchByImageQuery } from './dto/search-by-image.dto';
import { bodyForm, formFields } from '../intake/image-request';
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
  @ApiExtraModels(SearchByImageForm)
  @ApiBody({
    description: 'Multipart: the "image" part and, optionally, limit, decision and policy as text fields. Or the raw image bytes as an image/* body.',
    schema: { oneOf: [{ $ref: getSchemaPath(SearchByImageForm) }, { type: 'string', format: 'binary' }] },
  })
  @ApiOperation({ summary: 'Near duplicates of an uploaded image (multipart "image" or a raw image/* body) among stored records; the image itself is not stored' })
  @ApiOkResponse({ type: SearchResponse, description: 'The nearest stored records, best first' })
  @ApiErrors('invalid_parameter', 'missing_image', 'image_undecodable', 'unsupported_media_type', 'payload_too_large')
  async byImage(@Query() query: SearchByImageQuery, @Req() req: Request, @UploadedFile() file?: Express.Multer.File): Promise<SearchResponse> {
    const multipart = bodyForm(req) === 'multipart';
    const q = multipart ? { ...query, ...definedOnly(await formFields(req, SearchByImageQuery)) } : query;
    const data = multipart ? file?.buffer : Buffer.isBuffer(req.body) ? req.body : undefined;
    if (!data?.length) throw new AppError('missing_image', 'send the image as multipart field "image" or as a raw image/* body');
    return this.search.byImage(data, { decision: q.decision, policy: q.policy }, q.limit ?? 20);
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
