import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '../common/app-error';
import { Caller, Roles } from '../common/auth.guard';
import { readCursor } from '../common/cursor';
import { parseTime } from '../common/dto-transforms';
import { ApiErrors, binaryContent } from '../common/openapi';
import { DecideReviewDto, givenFilters, isQueueCursor, NextReviewDto, NextReviewQueryDto, ReviewIdParams, ReviewImageQueryDto, ReviewQueueQueryDto, ReviewStatsQueryDto } from './dto/review-query.dto';
import { PolicyVerdictsResponse, ReviewDetailResponse, ReviewItemResponse, ReviewListResponse, ReviewStatsResponse } from './dto/review.response';
import { ReviewsService } from './reviews.service';

type ApiRequest = Request & { id: string; caller: Caller };

const DAY = 24 * 3600_000;
const ctx = (req: ApiRequest) => ({ caller: req.caller, requestId: req.id });

/**
 * The filters of POST /v1/reviews/next, from the query string or the JSON body. Both at once would
 * leave a reader guessing which wins (a query string a proxy or a link added, a body the dashboard
 * sent), so it is refused, naming each body field; `{}` or no body with a query string is fine.
 */
function oneSource(q: NextReviewQueryDto, body: NextReviewDto): NextReviewDto | NextReviewQueryDto {
  const inQuery = givenFilters(q);
  const inBody = givenFilters(body);
  if (!inQuery.length) return body;
  if (!inBody.length) return q;
  const errors = inBody.map((field) => ({ field, constraint: 'oneSource', message: `${field} is in the body while the query string has ${inQuery.join(', ')}: give the filters in one of them` }));
  throw new AppError('invalid_parameter', errors.map((e) => e.message).join('; '), { field: errors[0].field, errors });
}

/** Image types the preview (blurred in the original format where sharp writes it) and the revealed original come as. */

@ApiTags('reviews')
@ApiExtraModels(PolicyVerdictsResponse)
@Controller('v1/reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get()
  @Roles('moderator')
  @ApiOperation({ summary: 'The review queue with filters, cursor pagination and order (oldest first or highest score first)' })
  @ApiOkResponse({ type: ReviewListResponse })
  @ApiErrors('invalid_parameter')
  list(@Query() q: ReviewQueueQueryDto) {
    const order = q.order ?? 'oldest';
    const filter = { status: q.status, policy: q.policy, decision: q.decision, from: parseTime(q.from), to: parseTime(q.to), minScore: q.min_score };
    return this.reviews.list(filter, order, q.cursor === undefined ? undefined : readCursor(q.cursor, isQueueCursor), q.limit ?? 50);
  }

  @Get('stats')
  @Roles('moderator')
  @ApiOperation({ summary: 'Counts by policy, decision and status; median time to decision; overturn rate per policy; decisions per moderator' })
  @ApiOkResponse({ type: ReviewStatsResponse })
  @ApiErrors('invalid_parameter')
  stats(@Query() q: ReviewStatsQueryDto) {
    const to = parseTime(q.to) ?? Date.now() + 1;
    return this.reviews.stats(parseTime(q.from) ?? to - 7 * DAY, to);
  }

  @Post('next')
  @HttpCode(200)
  @Roles('moderator')
  @ApiOperation({
    summary: 'Atomically claim the next eligible item for the caller (204 when the queue is empty)',
    description: 'The filters come as the query string or as a JSON body, not both (400 invalid_parameter, constraint oneSource, naming each body field). Without filters: the oldest open item.',
  })
  @ApiOkResponse({ type: ReviewItemResponse, description: 'The item, now leased to the caller' })
  @ApiBody({ type: NextReviewDto, required: false })
  @ApiNoContentResponse({ description: 'No eligible item' })
  @ApiErrors('bad_request', 'invalid_json', 'invalid_parameter', 'payload_too_large', 'unsupported_media_type')
  async next(@Req() req: ApiRequest, @Res() res: Response, @Query() q: NextReviewQueryDto, @Body() body: NextReviewDto) {
    const b = oneSource(q, body);
    const filter = { status: b.status, policy: b.policy, decision: b.decision, minScore: b.min_score };
    const item = await this.reviews.next(filter, b.order ?? 'oldest', ctx(req));
    if (!item) res.status(204).end();
    else res.status(200).json(item);
  }

  @Get(':id')
  @Roles('moderator')
  @ApiOperation({ summary: 'One review item with its moderation record and history (appeals and decisions)' })
  @ApiOkResponse({ type: ReviewDetailResponse })
  @ApiErrors('invalid_parameter', 'not_found')
  get(@Param() p: ReviewIdParams) {
    return this.reviews.get(p.id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('moderator')
  @ApiOperation({ summary: 'Take (or renew) the lease on an item; 409 lease_held when someone else holds it' })
  @ApiOkResponse({ type: ReviewItemResponse })
  @ApiErrors('invalid_parameter', 'bad_request', 'invalid_json', 'payload_too_large', 'unsupported_media_type', 'not_found', 'lease_held', 'review_closed')
  claim(@Param() p: ReviewIdParams, @Req() req: ApiRequest) {
    return this.reviews.claim(p.id, ctx(req));
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('moderator')
  @ApiOperation({ summary: 'Give the lease back; only the holder may' })
  @ApiOkResponse({ type: ReviewItemResponse })
  @ApiErrors('invalid_parameter', 'bad_request', 'invalid_json', 'payload_too_large', 'unsupported_media_type', 'not_found', 'lease_not_held', 'review_closed')
  release(@Param() p: ReviewIdParams, @Req() req: ApiRequest) {
    return this.reviews.release(p.id, ctx(req));
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles('moderator')
  @ApiOperation({ summary: 'Decide an item you hold: uphold, overturn or escalate, for policies that fired on it (422 policy_not_fired otherwise), with a note' })
  @ApiOkResponse({ type: ReviewItemResponse })
  @ApiErrors('bad_request', 'invalid_json', 'invalid_parameter', 'payload_too_large', 'unsupported_media_type', 'not_found', 'lease_not_held', 'review_closed', 'policy_not_fired')
  decide(@Param() p: ReviewIdParams, @Req() req: ApiRequest, @Body() body: DecideReviewDto) {
    return this.reviews.decide(p.id, body, ctx(req));
  }

  @Get(':id/image')
  @Roles('moderator')
  @ApiOperation({ summary: 'The kept image: a blurred preview by default; ?reveal=true&reason=... returns the original to the holder of the live lease or an admin, audited with the reason' })
  @ApiOkResponse({
    description: 'The image bytes: a blurred preview (in the original format where it can be written, else PNG) or the original',
    content: binaryContent(),
    headers: {
      'X-Image-Revealed': { description: 'true when the original is sent, false for the blurred preview', schema: { type: 'string', enum: ['true', 'false'] } },
      'Cache-Control': { description: 'private, no-store', schema: { type: 'string' } },
      'Content-Disposition': { description: 'inline', schema: { type: 'string' } },
    },
  })
  @ApiErrors('invalid_parameter', 'reveal_reason_required', 'not_found', 'image_not_kept', 'lease_not_held')
  async image(@Param() p: ReviewIdParams, @Query() q: ReviewImageQueryDto, @Req() req: ApiRequest, @Res() res: Response) {
    const img = await this.reviews.image(p.id, q.reveal ?? false, q.reason, ctx(req));
    res.setHeader('X-Image-Revealed', String(img.revealed));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', 'inline');
    res.status(200).type(img.contentType).send(img.data);
  }
}
