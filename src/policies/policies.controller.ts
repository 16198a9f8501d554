import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth.guard';
import { PolicyRegistry } from './policy-registry.service';
import { PolicySetSummary, summarizePolicySet } from './policy-summary';

@ApiTags('policies')
@Controller('v1/policies')
export class PoliciesController {
  constructor(private readonly registry: PolicyRegistry) {}

  @Get()
  @Roles('ingest', 'moderator', 'policy-admin')
  @ApiOperation({ summary: 'The active policy set: version, policies, thresholds, prompt counts, compile warnings' })
  active(): PolicySetSummary {
    return summarizePolicySet(this.registry.current());
  }
}
