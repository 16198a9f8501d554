import { Injectable } from '@nestjs/common';
import { Storage } from '../storage/storage';
import type { Executor } from '../storage/database.types';

export interface AuditEntry {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

export interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: number;
  to?: number;
  /** Entries with seq greater than this (cursor). */
  afterSeq?: number;
  limit: number;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
const parse = (s: string | null) => (s === null ? null : JSON.parse(s));

/** Append and read; there is deliberately no update or delete (and the database refuses them). */
@Injectable()
export class AuditRepository {
  constructor(private readonly storage: Storage) {}

  async append(exec: Executor, at: number, e: AuditEntry): Promise<void> {
    await exec
      .insertInto('audit_log')
      .values({
        at,
        actor: e.actor,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId,
        before: json(e.before),
        after: json(e.after),
        request_id: e.requestId ?? null,
      })
      .execute();
  }

  async list(f: AuditFilter): Promise<AuditRow[]> {
    let q = this.storage.db.selectFrom('audit_log').selectAll();
    if (f.actor) q = q.where('actor', '=', f.actor);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.entityType) q = q.where('entity_type', '=', f.entityType);
    if (f.entityId) q = q.where('entity_id', '=', f.entityId);
    if (f.from !== undefined) q = q.where('at', '>=', f.from);
    if (f.to !== undefined) q = q.where('at', '<', f.to);
    if (f.afterSeq !== undefined) q = q.where('seq', '>', f.afterSeq);
    const rows = await q.orderBy('seq').limit(f.limit).execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq), before: parse(r.before), after: parse(r.after) }));
  }
}
