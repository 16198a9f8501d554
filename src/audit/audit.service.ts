import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { PolicyRegistry } from '../policies/policy-registry.service';
import { Clock } from '../storage/clock';
import type { Executor } from '../storage/database.types';
import { Storage } from '../storage/storage';
import { AuditEntry, AuditFilter, AuditRepository, AuditRow } from './audit.repository';

export type AuditObserver = (exec: Executor, entry: AuditEntry, at: number) => Promise<void>;

/** The append-only audit log. Callers pass their transaction so the entry commits with the change it describes. */
@Injectable()
export class AuditService implements OnModuleInit {
  private readonly log = new Logger('Audit');
  private readonly observers: AuditObserver[] = [];

  constructor(
    private readonly repo: AuditRepository,
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly registry: PolicyRegistry,
  ) {}

  onModuleInit(): void {
    // Policy changes are state changes too: every reload (and every rejected one) is recorded.
    this.registry.onReload((e) => {
      const entry: AuditEntry = e.ok
        ? { actor: 'system', action: 'policy_set.reloaded', entityType: 'policy_set', entityId: e.set.name, before: { version: e.previousVersion }, after: { version: e.version, policies: e.set.policies.map((p) => p.id) } }
        : { actor: 'system', action: 'policy_set.reload_rejected', entityType: 'policy_set', entityId: this.registry.current().name, before: { version: e.keptVersion }, after: { error: e.error } };
      this.append(this.storage.db, entry).catch((err) => this.log.error(`could not audit a policy reload: ${(err as Error).message}`));
    });
  }

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
