import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '../common/app-error';
import { Caller, Roles } from '../common/auth.guard';
import { decodeCursor, qs } from '../records/query';
import { QueueCursor, QueueFilter, QueueOrder } from './reviews.repository';
import { ReviewsService, Verdict, VERDICTS } from './reviews.service';

type ApiRequest = Request & { id: string; caller: Caller };
type Q = Record<string, unknown>;

const STATUSES = ['open', 'claimed', 'escalated', 'closed'] as const;
const ORDERS = ['oldest', 'score'] as const;
const DECISIONS = ['allow', 'flag', 'blur', 'block'] as const;
const DAY = 24 * 3600_000;

const isCursor = (v: unknown): v is QueueCursor => typeof (v as QueueCursor)?.k === 'number' && typeof (v as QueueCursor)?.id === 'string';

function filters(q: Q): QueueFilter {
  return {
    status: qs.oneOf(q, 'status', STATUSES),
    policy: qs.str(q, 'policy'),
    decision: qs.oneOf(q, 'decision', DECISIONS),
    from: qs.time(q, 'from'),
    to: qs.time(q, 'to'),
    minScore: qs.num(q, 'min_score'),
  };
}

function objectBody(body: unknown): Q {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  return body as Q;
}

const ctx = (req: ApiRequest) => ({ caller: req.caller, requestId: req.id });

@ApiTags('reviews')
@Controller('v1/reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get()
  @Roles('moderator')
  @ApiOperation({ summary: 'The review queue with filters, cursor pagination and order (oldest first or highest score first)' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiQuery({ name: 'policy', required: false })
  @ApiQuery({ name: 'decision', required: false, enum: DECISIONS })
  @ApiQuery({ name: 'from', required: false, description: 'ISO time or epoch ms (opened at or after)' })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'min_score', required: false })
  @ApiQuery({ name: 'order', required: false, enum: ORDERS })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ description: '{ items: [...], next_cursor }' })
  list(@Query() q: Q) {
    const order = qs.oneOf(q, 'order', ORDERS, 'oldest')!;
    return this.reviews.list(filters(q), order, decodeCursor(qs.str(q, 'cursor', 2000), isCursor), qs.int(q, 'limit', 50, 1, 500));
  }

  @Get('stats')
  @Roles('moderator')
  @ApiOperation({ summary: 'Counts by policy, decision and status; median time to decision; overturn rate per policy; decisions per moderator' })
  @ApiQuery({ name: 'from', required: false, description: 'default: 7 days before `to`' })
  @ApiQuery({ name: 'to', required: false, description: 'default: now' })
  stats(@Query() q: Q) {
    const to = qs.time(q, 'to') ?? Date.now() + 1;
    const from = qs.time(q, 'from') ?? to - 7 * DAY;
    if (from >= to) throw new AppError('invalid_parameter', 'from must be before to', { parameter: 'from' });
    return this.reviews.stats(from, to);
  }

  @Post('next')
  @HttpCode(200)
  @Roles('moderator')
  @ApiOperation({ summary: 'Atomically claim the next eligible item for the caller (204 when the queue is empty)' })
  @ApiBody({ required: false, schema: { type: 'object', properties: { status: { enum: ['open', 'escalated'] }, policy: { type: 'string' }, decision: { enum: [...DECISIONS] }, min_score: { type: 'number' }, order: { enum: [...ORDERS] } } } })
  async next(@Req() req: ApiRequest, @Res() res: Response, @Body() body: unknown) {
    const b = { ...(req.query as Q), ...Object.fromEntries(Object.entries(objectBody(body)).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v])) };
    const f = filters(b);
    if (f.status === 'claimed' || f.status === 'closed') throw new AppError('invalid_parameter', 'status for next must be open or escalated', { parameter: 'status' });
    const item = await this.reviews.next(f, qs.oneOf(b, 'order', ORDERS, 'oldest')!, ctx(req));
    if (!item) res.status(204).end();
    else res.status(200).json(item);
  }

  @Get(':id')
  @Roles('moderator')
  @ApiOperation({ summary: 'One review item with its moderation record and history (appeals and decisions)' })
  get(@Param('id') id: string) {
    return this.reviews.get(id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('moderator')
  @ApiOperation({ summary: 'Take (or renew) the lease on an item; 409 lease_held when someone else holds it' })
  claim(@Param('id') id: string, @Req() req: ApiRequest) {
    return this.reviews.claim(id, ctx(req));
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('moderator')
  @ApiOperation({ summary: 'Give the lease back; only the holder may' })
  release(@Param('id') id: string, @Req() req: ApiRequest) {
    return this.reviews.release(id, ctx(req));
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles('moderator')
  @ApiOperation({ summary: 'Decide an item you hold: uphold, overturn or escalate, for policies that fired on it (422 policy_not_fired otherwise), with a note' })
  @ApiBody({ schema: { type: 'object', required: ['verdict'], properties: { verdict: { enum: VERDICTS as unknown as string[] }, policies: { type: 'array', items: { type: 'string' } }, note: { type: 'string' } } } })
  decide(@Param('id') id: string, @Req() req: ApiRequest, @Body() body: unknown) {
    const b = objectBody(body);
    if (!VERDICTS.includes(b.verdict as Verdict)) throw new AppError('invalid_parameter', `verdict must be one of ${VERDICTS.join(', ')}`, { parameter: 'verdict' });
    if (b.policies !== undefined && (!Array.isArray(b.policies) || b.policies.some((p) => typeof p !== 'string' || !p || p.length > 200) || b.policies.length > 100)) {
      throw new AppError('invalid_parameter', 'policies must be an array of policy ids', { parameter: 'policies' });
    }
    if (b.note !== undefined && (typeof b.note !== 'string' || b.note.length > 4000)) throw new AppError('invalid_parameter', 'note must be a string of at most 4000 characters', { parameter: 'note' });
    return this.reviews.decide(id, { verdict: b.verdict as Verdict, policies: b.policies as string[] | undefined, note: b.note as string | undefined }, ctx(req));
  }

  @Get(':id/image')
  @Roles('moderator')
  @ApiOperation({ summary: 'The kept image: a blurred preview by default; ?reveal=true&reason=... returns the original to the holder of the live lease or an admin, audited with the reason' })
  @ApiQuery({ name: 'reveal', required: false, type: Boolean })
  @ApiQuery({ name: 'reason', required: false, description: 'required with reveal=true (400 reveal_reason_required) unless REVIEW_REVEAL_REASON_REQUIRED=false' })
  async image(@Param('id') id: string, @Query() q: Q, @Req() req: ApiRequest, @Res() res: Response) {
    const img = await this.reviews.image(id, qs.bool(q, 'reveal'), qs.str(q, 'reason', 1000), ctx(req));
    res.setHeader('X-Image-Revealed', String(img.revealed));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', 'inline');
    res.status(200).type(img.contentType).send(img.data);
  }
}
