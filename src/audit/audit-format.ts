import type { AuditRow } from './audit.repository';

export function auditView(r: AuditRow) {
  return {
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    entity_type: r.entity_type,
    entity_id: r.entity_id,
    before: r.before,
    after: r.after,
    request_id: r.request_id,
  };
}

export const CSV_COLUMNS = ['seq', 'at', 'actor', 'action', 'entity_type', 'entity_id', 'before', 'after', 'request_id'] as const;

/** RFC 4180 field; leading =,+,-,@ are prefixed with ' so a spreadsheet never evaluates a cell. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(r: AuditRow): string {
  const v = auditView(r) as Record<string, unknown>;
  return CSV_COLUMNS.map((c) => csvField(v[c])).join(',') + '\r\n';
}
