import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Caller, Roles } from '../common/auth.guard';
import { ApiErrors } from '../common/openapi';
import { AppealsService } from './appeals.service';
import { CreateAppealDto } from './dto/appeal.dto';
import { ModerationIdParams } from '../records/moderation-id.dto';
import { ReviewItemResponse } from './dto/review.response';

type ApiRequest = Request & { id: string; caller: Caller };

@ApiTags('reviews')
@Controller('v1/moderations')
export class AppealsController {
  constructor(private readonly appeals: AppealsService) {}

  @Post(':id/appeals')
  @HttpCode(201)
  @Roles('ingest', 'moderator')
  @ApiOperation({ summary: "Appeal a decision: (re)opens its review item with the appellant's reason; one open appeal per item (409 appeal_open), APPEAL_MAX_PER_ITEM per item (409 appeal_limit_reached), APPEALS_PER_HOUR_PER_KEY per key (429 appeal_rate_limited)" })
  @ApiCreatedResponse({ type: ReviewItemResponse, description: 'The review item, open with origin appeal' })
  @ApiErrors('bad_request', 'invalid_json', 'invalid_parameter', 'payload_too_large', 'unsupported_media_type', 'not_found', 'appeal_open', 'appeal_limit_reached', 'appeal_rate_limited')
  appeal(@Param() p: ModerationIdParams, @Req() req: ApiRequest, @Body() body: CreateAppealDto) {
    return this.appeals.appeal(p.id, body.reason, { caller: req.caller, requestId: req.id });
  }
}
