import { Injectable, OnModuleInit } from '@nestjs/common';
import type { AuditEntry } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { OutboxService } from '../outbox/outbox.service';
import type { Executor } from '../storage/database.types';
import { BankMatcher } from './bank-matcher.service';
import { BanksService } from './banks.service';

type After = Record<string, unknown>;
const BANK_ACTIONS = new Set(['bank.created', 'bank.updated', 'bank.deleted', 'bank.imported', 'bank_entry.added', 'bank_entry.deleted']);

/**
 * The banks' side of the review loop and their webhook events, all inside the transactions that make
 * the changes: an overturning verdict removes the entries banked from that moderation (audited with
 * the verdict); every audited bank change emits `bank.changed`. (`bank.match`, for a moderation that
 * matched a bank, is written by the moderation's commit: src/jobs/moderation-commit.service.ts.)
 */
@Injectable()
export class BankEvents implements OnModuleInit {
  constructor(
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly banks: BanksService,
    private readonly matcher: BankMatcher,
  ) {}

  onModuleInit(): void {
    this.audit.observe((exec, entry, at) => this.onAudit(exec, entry, at));
  }

  private async onAudit(exec: Executor, e: AuditEntry, at: number): Promise<void> {
    if (e.action === 'review.decided') {
      const after = (e.after ?? {}) as After;
      if (after.verdict !== 'overturn' || typeof after.moderation_id !== 'string') return;
      const removed = await this.banks.removeFromModeration(exec, after.moderation_id, e.actor, e.requestId, at);
      // Dropped from this instance's index now; were the verdict to roll back, the next sync sees the
      // count differ from the database and rebuilds.
      if (removed.length) this.matcher.forget(removed);
      return;
    }
    if (!BANK_ACTIONS.has(e.action)) return;
    await this.outbox.emit(exec, 'bank.changed', { action: e.action, entity_type: e.entityType, entity_id: e.entityId, actor: e.actor, before: e.before ?? null, after: e.after ?? null }, at);
    this.outbox.committedSoon();
  }
}
