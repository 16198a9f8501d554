import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import type { Caller } from '../common/auth.guard';
import { RecordsRepository } from '../records/records.repository';
import { moderationView } from './job-view';
import { JobsRepository } from './jobs.repository';

const privileged = (c: Caller) => c.roles.includes('admin') || c.roles.includes('moderator');

/**
 * Reads one moderation, sync or async, as one resource (job-view.ts). Who may read: moderators and
 * admins everything; an ingest key the async moderations it submitted (their answers are its own).
 */
@Injectable()
export class ModerationReader {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly records: RecordsRepository,
  ) {}

  async get(id: string, caller: Caller) {
    const job = await this.jobs.get(id);
    if (job && !privileged(caller) && job.client !== caller.name) throw new AppError('not_found', `moderation ${id} does not exist`, { moderation_id: id });
    if (!job && !privileged(caller)) throw new AppError('forbidden', 'reading stored records needs the moderator role', { moderation_id: id });
    const record = !job || job.status === 'succeeded' ? await this.records.get(id) : undefined;
    if (!job && !record) throw new AppError('not_found', `moderation ${id} is not recorded`, { moderation_id: id });
    return moderationView(job, record);
  }
}
