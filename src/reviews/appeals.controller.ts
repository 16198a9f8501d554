import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppError } from '../common/app-error';
import { Caller, Roles } from '../common/auth.guard';
import { AppealsService } from './appeals.service';

type ApiRequest = Request & { id: string; caller: Caller };

@ApiTags('reviews')
@Controller('v1/moderations')
export class AppealsController {
  constructor(private readonly appeals: AppealsService) {}

  @Post(':id/appeals')
  @HttpCode(201)
  @Roles('ingest', 'moderator')
  @ApiOperation({ summary: "Appeal a decision: (re)opens its review item with the appellant's reason; one open appeal per item (409 appeal_open), APPEAL_MAX_PER_ITEM per item (409 appeal_limit_reached), APPEALS_PER_HOUR_PER_KEY per key (429 appeal_rate_limited)" })
  @ApiBody({ schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } } })
  appeal(@Param('id') id: string, @Req() req: ApiRequest, @Body() body: unknown) {
    const reason = body && typeof body === 'object' && !Array.isArray(body) ? (body as { reason?: unknown }).reason : undefined;
    if (typeof reason !== 'string' || !reason.trim() || reason.length > 4000) throw new AppError('invalid_parameter', 'reason must be a non-empty string of at most 4000 characters', { parameter: 'reason' });
    return this.appeals.appeal(id, reason.trim(), { caller: req.caller, requestId: req.id });
  }
}
