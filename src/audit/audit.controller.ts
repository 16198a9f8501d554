import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth.guard';
import { ApiErrors } from '../common/openapi';
import { encodeCursor, readCursor } from '../common/cursor';
import { AuditFilter } from './audit.repository';
import { auditView, CSV_COLUMNS, csvLine } from './audit-format';
import { AuditService } from './audit.service';
import { AuditPageResponse, AuditQueryDto, isAuditCursor } from './dto/audit.dto';

const EXPORT_PAGE = 1000;

@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('moderator')
  @ApiExtraModels(AuditPageResponse)
  @ApiOperation({ summary: 'Read the audit log', description: 'The append-only audit log: JSON pages, or the whole filtered log as NDJSON or CSV (streamed)' })
  @ApiOkResponse({
    description: 'format=json: one page; format=ndjson: one AuditEntry per line; format=csv: a header line and one row per entry',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AuditPageResponse) } },
      'application/x-ndjson': { schema: { type: 'string', description: 'One JSON AuditEntry per line' } },
      'text/csv': { schema: { type: 'string', description: `Columns: ${CSV_COLUMNS.join(',')}` } },
    },
  })
  @ApiErrors('invalid_parameter', 'rate_limited')
  async list(@Query() q: AuditQueryDto, @Res() res: Response): Promise<void> {
    const format = q.format ?? 'json';
    const filter: AuditFilter = {
      actor: q.actor,
      action: q.action,
      entityType: q.entity_type,
      entityId: q.entity_id,
      from: q.from,
      to: q.to,
      afterSeq: q.cursor === undefined ? undefined : readCursor(q.cursor, isAuditCursor)?.s,
      limit: q.limit ?? 100,
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
