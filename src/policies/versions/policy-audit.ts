import { Logger } from '@nestjs/common';

/** What the policies feature tells the audit log: every stored version and every activation. */
export interface PolicyAuditEntry {
  actor: string;
  action: 'policy_set.version_created' | 'policy_set.activated' | 'policy_set.removed';
  /** The policy-set document name. */
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId?: string | null;
}

/**
 * The audit hook of the policies feature. Bound to the audit log (src/audit) where the app has
 * one; the fallback writes the entries to the application log so nothing is silently lost.
 */
export interface PolicyAuditSink {
  /** `exec`: the transaction of the change when the version store has one. */
  record(e: PolicyAuditEntry, exec?: unknown): Promise<void>;
}

export const POLICY_AUDIT = 'POLICY_AUDIT';

/**
 * The sink the policy registry writes to from start-up on, before the audit log exists in the
 * DI graph (the audit service itself depends on the registry): entries are buffered until
 * bind() connects the real sink, then written in order.
 */
export class DeferredPolicyAuditSink implements PolicyAuditSink {
  private target: PolicyAuditSink | null = null;
  private buffer: PolicyAuditEntry[] = [];

  async record(e: PolicyAuditEntry, exec?: unknown): Promise<void> {
    if (this.target) return this.target.record(e, exec);
    this.buffer.push(e);
  }

  async bind(target: PolicyAuditSink): Promise<void> {
    this.target = target;
    const pending = this.buffer;
    this.buffer = [];
    for (const e of pending) await target.record(e);
  }

  get pending(): number {
    return this.buffer.length;
  }
}

export class LogPolicyAuditSink implements PolicyAuditSink {
  private readonly log = new Logger('PolicyAudit');
  readonly entries: PolicyAuditEntry[] = [];
  async record(e: PolicyAuditEntry): Promise<void> {
    this.entries.push(e);
    if (this.entries.length > 1000) this.entries.shift();
    this.log.log(`${e.action} ${e.entityId} by ${e.actor}: ${JSON.stringify(e.after)}`);
  }
}
