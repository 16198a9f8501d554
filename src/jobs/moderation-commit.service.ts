import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AppError } from '../common/app-error';
import { Events } from '../common/events';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { IdempotencyService } from '../idempotency/idempotency.service';
import type { Reply } from '../common/reply';
import { bankMatchEventData, moderationEventData } from '../webhooks/event-data';
import { OutboxService } from '../webhooks/outbox.service';
import type { Moderated } from '../records/moderation-body';
import { RecordsService } from '../records/records.service';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { JobsRepository } from './jobs.repository';

/** Our lease on the job expired and another instance took it over: this commit rolled back, theirs stands. */
export class LeaseLostError extends Error {}

/** What completes together with the moderation, besides its record and its events. */
export interface Completes {
  /** The async job that ran it (its id): finished with the answer as its result, only while this instance holds its lease. */
  job?: string;
  /** The answer a retry with the same Idempotency-Key replays: stored on the reservation holding this moderation id (there is none without a key). */
  replay?: Reply;
}

/**
 * The one commit of a moderation. In one transaction: its record, review item and audit entries
 * (unless RECORD_MODE=non-allow skips an allow, or the answer is an unscreened one), its events
 * (`moderation.completed`; `bank.match` when a bank matched), and either the async job's finish or the
 * Idempotency-Key answer. The moderation service awaits it before answering, so a 2xx means all of
 * it is committed; a job whose lease was lost rolls all of it back. Only after the commit does it
 * announce the record and the events (src/common/events.ts).
 *
 * It lives in src/jobs, the lowest module that sees everything the commit writes (records, outbox,
 * idempotency, jobs); the callers (src/intake for requests, JobRunner for queued jobs) say what
 * completes with the moderation.
 */
@Injectable()
export class ModerationCommit {
  private readonly log = new Logger('Commit');
  private readonly instance: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly records: RecordsService,
    private readonly outbox: OutboxService,
    private readonly jobs: JobsRepository,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
  ) {
    this.instance = config.instance.id;
  }

  async commit(m: Moderated, completes: Completes): Promise<void> {
    const { body } = m;
    const now = this.clock.now();
    // Null when the moderation is not recorded; a kept image is stored before the transaction.
    const record = await this.records.prepare(m, now);
    let deliveries = 0;
    try {
      await this.storage.transaction(async (trx) => {
        if (completes.job) {
          // First, so that a lost lease is found before anything else is written (the job's row is locked till the end).
          const n = await this.jobs.finish(trx, completes.job, this.instance, now, { status: 'succeeded', result: JSON.stringify(body) });
          // Another instance took the job over (our lease expired): roll our decision back, theirs stands.
          if (n === 0) throw new LeaseLostError(`job ${completes.job}: lease lost`);
        }
        if (record) await this.records.insert(trx, record, now);
        deliveries = await this.outbox.emit(trx, 'moderation.completed', moderationEventData(body), now);
        if (body.banks || body.shadow_banks) deliveries += await this.outbox.emit(trx, 'bank.match', bankMatchEventData(body), now);
        if (completes.replay) await this.idempotency.completeIn(trx, body.id, completes.replay);
      });
    } catch (e) {
      if (record) await this.records.abandon(record);
      if (e instanceof LeaseLostError) throw e;
      this.log.error(`could not commit moderation ${body.id}: ${(e as Error)?.stack ?? e}`);
      throw new AppError('internal_error', 'the decision could not be stored; it was not applied', { moderation_id: body.id });
    }
    // Committed: the search index appends the embedding, the local webhook worker claims the deliveries
    // (woken only when some were queued: with no endpoint subscribed, an upload costs it no query).
    if (record) this.events.emit(Events.moderationRecorded, record.event);
    if (deliveries > 0) this.events.emit(Events.outboxCommitted);
  }
}
