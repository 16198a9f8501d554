import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
}
