import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { jsonReply } from '../idempotency/reply';
import type { ModerationBody } from '../moderation/moderation.types';
import { moderationEventData } from '../outbox/event-data';
import { OutboxService } from '../outbox/outbox.service';
import { RecordsService } from '../records/records.service';
import { Clock } from '../storage/clock';
import type { Executor } from '../storage/database.types';
import { Storage } from '../storage/storage';
import { JobsRepository } from './jobs.repository';

interface InFlight {
  /** Set for async jobs: the job row is finished in the same transaction. */
  job: boolean;
  committed: boolean;
}

export class LeaseLostError extends Error {}

/**
 * What must commit together with a decision: its `moderation.completed` event (outbox), the async
 * job's result, and the idempotency key's stored answer. It joins the records transaction through the
 * records extension point; when a moderation is not recorded (RECORD_MODE=non-allow, or a
 * failure-mode answer), `finish` commits the same writes in a transaction of their own before the
 * caller answers, so either way nothing is answered that is not committed.
 */
@Injectable()
export class CompletionService implements OnModuleInit {
  private readonly inFlight = new Map<string, InFlight>();
  private readonly instance: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly records: RecordsService,
    private readonly outbox: OutboxService,
    private readonly jobs: JobsRepository,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
  ) {
    this.instance = config.integration.instanceId;
  }

  onModuleInit(): void {
    this.records.addTransactionHook((trx, body) => this.commitIn(trx, body));
  }

  track(id: string, job: boolean): void {
    this.inFlight.set(id, { job, committed: false });
  }

  forget(id: string): void {
    this.inFlight.delete(id);
  }

  /** After moderate() returned: commit what the records transaction did not (if it did not run). */
  async finish(body: ModerationBody): Promise<void> {
    try {
      if (!this.inFlight.get(body.id)?.committed) await this.storage.transaction((trx) => this.commitIn(trx, body));
    } finally {
      this.inFlight.delete(body.id);
    }
    this.outbox.committed();
  }

  private async commitIn(exec: Executor, body: ModerationBody): Promise<void> {
    const f = this.inFlight.get(body.id);
    const now = this.clock.now();
    await this.outbox.emit(exec, 'moderation.completed', moderationEventData(body), now);
    if (f?.job) {
      const n = await this.jobs.finish(exec, body.id, this.instance, now, { status: 'succeeded', result: JSON.stringify(body) });
      // Another instance took the job over (our lease expired): roll our decision back, theirs stands.
      if (n === 0) throw new LeaseLostError(`job ${body.id}: lease lost`);
    } else {
      await this.idempotency.completeIn(exec, body.id, jsonReply(200, body));
    }
    if (f) f.committed = true;
  }
}
