import { Injectable } from '@nestjs/common';
import { Clock } from '../storage/clock';
import type { Executor } from '../storage/database.types';
import { AuditEntry, AuditFilter, AuditRepository, AuditRow } from './audit.repository';

export type AuditObserver = (exec: Executor, entry: AuditEntry, at: number) => Promise<void>;

/** The append-only audit log. Callers pass their transaction so the entry commits with the change it describes. */
@Injectable()
export class AuditService {
  private readonly observers: AuditObserver[] = [];

  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Extension point: `observer` runs right after each entry is appended, on the same executor, so
   * what it writes commits with the audited change (src/outbox turns review and appeal entries into events).
   */
  observe(observer: AuditObserver): void {
    this.observers.push(observer);
  }

  async append(exec: Executor, entry: AuditEntry, at = this.clock.now()): Promise<void> {
    await this.repo.append(exec, at, entry);
    for (const o of this.observers) await o(exec, entry, at);
  }

  list(f: AuditFilter): Promise<AuditRow[]> {
    return this.repo.list(f);
  }
}
