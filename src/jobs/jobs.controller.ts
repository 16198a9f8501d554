import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Caller, Roles } from '../common/auth.guard';
import { ApiErrors } from '../common/openapi';
import { ModerationIdParams } from '../records/moderation-id.dto';
import { ModerationViewResponse } from './dto/moderation-view.response';
import { ModerationReader } from './moderation-reader.service';

type ApiRequest = Request & { id: string; caller: Caller };

/** GET /v1/moderations/{id}: the one declaration of that route (the resource, sync or async). */
@ApiTags('moderation')
@Controller('v1/moderations')
export class JobsController {
  constructor(private readonly reader: ModerationReader) {}

  @Get(':id')
  @Roles('ingest', 'moderator')
  @ApiOperation({
    summary: 'Read one moderation, sync or async',
    description:
      'Status (queued, running, succeeded, failed), the decision with every policy score, model and policy-set version once decided, and for async ones attempts, result and error. Moderators read all; an ingest key its own async moderations',
  })
  @ApiOkResponse({ type: ModerationViewResponse, description: 'The moderation resource' })
  @ApiErrors('invalid_parameter', 'not_found', 'rate_limited')
  get(@Param() params: ModerationIdParams, @Req() req: ApiRequest) {
    return this.reader.get(params.id, req.caller);
  }
}
