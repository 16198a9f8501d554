import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Caller, Roles } from '../common/auth.guard';
import { AppealsService } from './appeals.service';
import { CreateAppealDto } from './dto/appeal.dto';

type ApiRequest = Request & { id: string; caller: Caller };

@ApiTags('reviews')
@Controller('v1/moderations')
export class AppealsController {
  constructor(private readonly appeals: AppealsService) {}

  @Post(':id/appeals')
  @HttpCode(201)
  @Roles('ingest', 'moderator')
  @ApiOperation({ summary: "Appeal a decision: (re)opens its review item with the appellant's reason; one open appeal per item (409 appeal_open), APPEAL_MAX_PER_ITEM per item (409 appeal_limit_reached), APPEALS_PER_HOUR_PER_KEY per key (429 appeal_rate_limited)" })
  appeal(@Param('id') id: string, @Req() req: ApiRequest, @Body() body: CreateAppealDto) {
    return this.appeals.appeal(id, body.reason, { caller: req.caller, requestId: req.id });
  }
}
