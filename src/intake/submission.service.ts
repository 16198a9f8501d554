import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { AppError } from '../common/app-error';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { UrlImageFetcher } from '../fetch/url-image-fetcher';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { jsonReply, Reply } from '../common/reply';
import { MetricsService } from '../metrics/metrics.service';
import { ModerationService } from '../moderation/moderation.service';
import type { BlurOutput } from '../moderation/moderation.types';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { JobRunner } from '../jobs/job-runner.service';
import { acceptedView } from '../jobs/job-view';
import { JobsRepository } from '../jobs/jobs.repository';
import { ModerationCommit } from '../jobs/moderation-commit.service';
import { fieldError } from '../common/validate-dto';

export interface Submission {
  /** Image bytes, or a URL to fetch (now when synchronous, in the job when async). */
  data?: Buffer;
  url?: string;
  params: { policies?: string[]; blur: BlurOutput; externalId?: string };
  async: boolean;
  client: string;
  requestId: string;
  /** Reserved moderation id (idempotency); random when absent. */
  id?: string;
  batchId?: string;
}

/** One moderation request, synchronous or queued, from bytes or from a URL. */
@Injectable()
export class SubmissionService {
  private readonly maxBytes: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly moderation: ModerationService,
    private readonly fetcher: UrlImageFetcher,
    private readonly commit: ModerationCommit,
    private readonly jobs: JobsRepository,
    private readonly runner: JobRunner,
    private readonly idempotency: IdempotencyService,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
  ) {
    this.maxBytes = config.media.maxBytes;
  }

  async submit(s: Submission): Promise<Reply> {
    const id = s.id ?? randomUUID();
    if (s.async) {
      const reply = await this.enqueue([{ ...s, id }]);
      return reply[0];
    }
    const data = s.data ?? (await this.fetcher.fetch(s.url!));
    // Answered only once committed: the record and events with the answer an Idempotency-Key retry replays.
    const outcome = await this.moderation.moderate(data, { ...s.params, id, client: s.client, requestId: s.requestId }, (m) =>
      this.commit.commit(m, { replay: jsonReply(200, m.body) }),
    );
    if (outcome.image) {
      return {
        status: 200,
        headers: { 'content-type': outcome.image.contentType, 'x-moderation-id': outcome.body.id, 'x-moderation-decision': outcome.body.decision, 'x-policy-set-version': outcome.body.policy_set.version },
        body: outcome.image.data,
      };
    }
    return jsonReply(200, outcome.body);
  }

  /** Queues async moderations (one transaction for all of them, with their idempotency answers). */
  async enqueue(items: (Submission & { id: string })[], batch?: { id: string; reply: (accepted: Reply[]) => Reply }): Promise<Reply[]> {
    for (const s of items) {
      if (s.params.blur === 'image') throw fieldError('blur', 'syncOnly', 'blur=image is not available for async moderation (use inline or always)');
      if (!s.data && !s.url) throw new AppError('missing_image', 'no image and no url');
      if (s.data && s.data.length > this.maxBytes) throw new AppError('payload_too_large', 'image exceeds the configured byte limit');
      if (s.url) UrlImageFetcher.validate(s.url);
    }
    const now = this.clock.now();
    const replies = items.map((s) => jsonReply(202, acceptedView(s.id, s.batchId), { location: `/v1/moderations/${s.id}` }));
    await this.storage.transaction(async (trx) => {
      for (const [i, s] of items.entries()) {
        await this.jobs.insert(trx, {
          id: s.id,
          status: 'queued',
          client: s.client,
          request_id: s.requestId,
          batch_id: s.batchId ?? null,
          input: s.data ?? null,
          url: s.data ? null : (s.url ?? null),
          options: JSON.stringify({ policies: s.params.policies, blur: s.params.blur, externalId: s.params.externalId }),
          attempts: 0,
          run_after: now,
          locked_by: null,
          locked_until: null,
          created_at: now,
          started_at: null,
          finished_at: null,
          result: null,
          error: null,
        });
        if (!batch) await this.idempotency.completeIn(trx, s.id, replies[i]);
      }
      if (batch) await this.idempotency.completeIn(trx, batch.id, batch.reply(replies));
    });
    this.metrics.jobsSubmitted.inc(items.length);
    this.runner.kick();
    return replies;
  }
}
