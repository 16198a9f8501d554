import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppError } from '../common/app-error';
import { Roles } from '../common/auth.guard';
import { qs } from '../records/query';
import { SearchService } from './search.service';

const DECISIONS = ['allow', 'flag', 'blur', 'block'];

@ApiTags('search')
@Controller('v1/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @Roles('moderator')
  @ApiOperation({ summary: 'Rank stored moderation records by similarity to a text (q) or to another record (similar_to)' })
  @ApiQuery({ name: 'q', required: false, description: 'text, e.g. "a pistol"' })
  @ApiQuery({ name: 'similar_to', required: false, description: 'a moderation id: near duplicates' })
  @ApiQuery({ name: 'decision', required: false, description: 'comma-separated: allow,flag,blur,block' })
  @ApiQuery({ name: 'policy', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({ description: '{ model, searched, search_ms, items: [{ moderation_id, similarity, decision, created_at, ... }] }' })
  find(@Query() q: Record<string, unknown>) {
    const text = qs.str(q, 'q', 500);
    const similar = qs.str(q, 'similar_to');
    if (!text === !similar) throw new AppError('invalid_parameter', 'give exactly one of q or similar_to', { parameter: 'q' });
    const decision = qs.str(q, 'decision')?.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = decision?.filter((d) => !DECISIONS.includes(d));
    if (bad?.length) throw new AppError('invalid_parameter', `decision must be among ${DECISIONS.join(', ')}`, { parameter: 'decision' });
    const f = { decision, policy: qs.str(q, 'policy'), from: qs.time(q, 'from'), to: qs.time(q, 'to') };
    const limit = qs.int(q, 'limit', 20, 1, 200);
    return text ? this.search.byText(text, f, limit) : this.search.similarTo(similar!, f, limit);
  }
}
