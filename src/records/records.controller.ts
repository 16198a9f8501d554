import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth.guard';
import { recordView, RecordsService } from './records.service';

@ApiTags('moderation')
@Controller('v1/moderations')
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Get(':id')
  @Roles('moderator')
  @ApiOperation({ summary: 'A stored moderation record: decision, every policy score/threshold/action, model, policy-set version, image fingerprint' })
  @ApiOkResponse({ description: 'The record as stored at decision time' })
  async get(@Param('id') id: string) {
    return recordView(await this.records.get(id));
  }
}
