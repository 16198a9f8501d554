import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError } from '../common/app-error';
import { Roles } from '../common/auth.guard';
import { ApiErrors } from '../common/openapi';
import { iso } from '../records/query';
import { RecordsRepository } from '../records/records.repository';
import { RecordByHashView, RecordsByHashQuery, RecordsByHashView } from './dto/records-by-hash.dto';
import { hamming } from './hamming';

const PAGE = 10_000;

/**
 * Near duplicates among the moderation records by the PDQ hash each keeps (or by SHA-256). A scan of
 * the records' hashes, page by page: fine for the hand look-ups of a moderator; banks are the index
 * built for every upload.
 */
@ApiTags('banks')
@Controller('v1/records-by-hash')
export class RecordsByHashController {
  constructor(private readonly records: RecordsRepository) {}

  @Get()
  @Roles('moderator', 'policy-admin')
  @ApiOperation({ summary: 'Moderation records near a PDQ hash (Hamming distance <= distance, default 31) or with this SHA-256, nearest first' })
  @ApiOkResponse({ type: RecordsByHashView })
  @ApiErrors('invalid_parameter')
  async find(@Query() q: RecordsByHashQuery): Promise<RecordsByHashView> {
    if (!q.pdq === !q.sha256) throw new AppError('invalid_parameter', 'give one of pdq or sha256', { field: 'pdq', errors: [{ field: 'pdq', constraint: 'oneOf', message: 'give one of pdq or sha256' }] });
    const max = q.distance ?? 31;
    const limit = q.limit ?? 50;
    const view = (r: Awaited<ReturnType<RecordsRepository['bySha256']>>[number], distance: number): RecordByHashView => ({
      moderation_id: r.id,
      created_at: iso(r.created_at)!,
      decision: r.decision,
      sha256: r.sha256,
      pdq: r.pdq,
      pdq_quality: r.pdq_quality,
      distance,
    });
    if (q.sha256) {
      const rows = await this.records.bySha256(q.sha256, limit);
      return { items: rows.map((r) => view(r, 0)), scanned: rows.length };
    }
    const query = Buffer.from(q.pdq!, 'hex');
    const hits: RecordByHashView[] = [];
    let scanned = 0;
    let after = '';
    for (;;) {
      const page = await this.records.pdqPage(after, PAGE);
      for (const r of page) {
        scanned++;
        const distance = hamming(query, Buffer.from(r.pdq!, 'hex'));
        if (distance <= max) hits.push(view(r, distance));
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    hits.sort((a, b) => a.distance - b.distance || a.created_at.localeCompare(b.created_at));
    return { items: hits.slice(0, limit), scanned };
  }
}
