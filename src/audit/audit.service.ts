import { Injectable } from '@nestjs/common';
import { Clock } from '../storage/clock';
import type { Executor } from '../storage/database.types';
import { AuditEntry, AuditFilter, AuditRepository, AuditRow } from './audit.repository';

/**
 * The append-only audit log. Callers pass their transaction so the entry commits with the change it
 * describes. It only writes: whatever else a change must commit (webhook events, say) is an explicit
 * call of its own in the same transaction, not something derived from the audit entry.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async append(exec: Executor, entry: AuditEntry, at = this.clock.now()): Promise<void> {
    await this.repo.append(exec, at, entry);
  }

  list(f: AuditFilter): Promise<AuditRow[]> {
    return this.repo.list(f);
  }
}
