import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth.guard';
import { decodeCursor, encodeCursor, qs } from '../records/query';
import { AuditFilter } from './audit.repository';
import { auditView, CSV_COLUMNS, csvLine } from './audit-format';
import { AuditService } from './audit.service';

const EXPORT_PAGE = 1000;

@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('moderator')
  @ApiOperation({ summary: 'Read the append-only audit log (JSON pages, or the whole filtered log as NDJSON or CSV)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'ndjson', 'csv'] })
  @ApiQuery({ name: 'actor', required: false })
  @ApiQuery({ name: 'action', required: false, description: 'e.g. moderation.created, review.claimed, review.decided, image.revealed' })
  @ApiQuery({ name: 'entity_type', required: false })
  @ApiQuery({ name: 'entity_id', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({ description: '{ items: [{seq, at, actor, action, entity_type, entity_id, before, after, request_id}], next_cursor }' })
  async list(@Query() q: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const format = qs.oneOf(q, 'format', ['json', 'ndjson', 'csv'] as const, 'json')!;
    const cursor = decodeCursor(qs.str(q, 'cursor'), (v): v is { s: number } => typeof (v as { s?: unknown })?.s === 'number');
    const filter: AuditFilter = {
      actor: qs.str(q, 'actor'),
      action: qs.str(q, 'action'),
      entityType: qs.str(q, 'entity_type'),
      entityId: qs.str(q, 'entity_id'),
      from: qs.time(q, 'from'),
      to: qs.time(q, 'to'),
      afterSeq: cursor?.s,
      limit: qs.int(q, 'limit', 100, 1, 1000),
    };
    if (format === 'json') {
      const rows = await this.audit.list(filter);
      const next = rows.length === filter.limit ? encodeCursor({ s: rows[rows.length - 1].seq }) : null;
      res.status(200).json({ items: rows.map(auditView), next_cursor: next });
      return;
    }
    // Exports stream every matching entry page by page, so memory stays flat for a large log.
    res.status(200);
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="audit.csv"');
      res.write(CSV_COLUMNS.join(',') + '\r\n');
    } else {
      res.type('application/x-ndjson; charset=utf-8');
    }
    let after = filter.afterSeq;
    for (;;) {
      const rows = await this.audit.list({ ...filter, afterSeq: after, limit: EXPORT_PAGE });
      for (const r of rows) res.write(format === 'csv' ? csvLine(r) : JSON.stringify(auditView(r)) + '\n');
      if (rows.length < EXPORT_PAGE) break;
      after = rows[rows.length - 1].seq;
    }
    res.end();
  }
}
