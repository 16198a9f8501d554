import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error';
import { APP_CONFIG, AppConfig } from '../../config/configuration';
import { EmbeddedSample, LabelledSample, samplesFromEntries } from '../evaluation/samples';
import { readTar } from '../evaluation/tar-reader';
import { PolicyHistoryReader } from './history-reader';
import { parseTime } from '../../common/dto-transforms';
import type { SampleSourceFields } from '../dto/policy-draft.dto';

export interface SampleBatch {
  source: 'archive' | 'verdicts';
  samples: LabelledSample[] | EmbeddedSample[];
  skipped: string[];
}

/** Labelled samples for POST /v1/policies/evaluate: an uploaded archive, or stored moderator verdicts. */
@Injectable()
export class SampleIntake {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly history: PolicyHistoryReader,
  ) {}

  async fromRequest(fields: Pick<SampleSourceFields, 'source' | 'from' | 'to' | 'limit'>, archive?: Express.Multer.File): Promise<SampleBatch> {
    const { evalMaxBytes, evalMaxSamples } = this.config.policies;
    if (archive) {
      // source, from, to and limit choose moderator verdicts: beside an archive they would be ignored.
      const verdictFields = (['source', 'from', 'to', 'limit'] as const).filter((k) => fields[k] !== undefined);
      if (verdictFields.length) {
        const errors = verdictFields.map((field) => ({ field, constraint: 'notWith', message: `${field} selects moderator verdicts; give it or a "samples" archive, not both` }));
        throw new AppError('invalid_parameter', errors.map((e) => e.message).join('; '), { field: errors[0].field, errors });
      }
      let entries;
      try {
        entries = readTar(archive.buffer, { maxFiles: evalMaxSamples * 2, maxBytes: evalMaxBytes });
      } catch (e) {
        throw new AppError('bad_request', `samples: ${(e as Error).message} (send a .tar or .tar.gz of <policy id>/... and none/...)`);
      }
      const { samples, skipped } = samplesFromEntries(entries);
      if (samples.length > evalMaxSamples) throw new AppError('payload_too_large', `samples: ${samples.length} images; the limit is ${evalMaxSamples} (POLICY_EVAL_MAX_SAMPLES)`);
      if (!samples.length) throw new AppError('bad_request', 'samples: the archive holds no images in <label>/ folders');
      return { source: 'archive', samples, skipped };
    }
    if (fields.source === 'verdicts') {
      if (!this.history.available) throw new AppError('not_found', 'moderator verdicts are not available: no database');
      // The fields were validated by the route's DTO (SampleSourceFields).
      const limit = Math.min(fields.limit ?? evalMaxSamples, evalMaxSamples);
      const samples = await this.history.verdictSamples({ from: parseTime(fields.from), to: parseTime(fields.to), limit });
      if (!samples.length) throw new AppError('not_found', 'no final moderator verdicts (uphold/overturn) with stored embeddings in this window');
      return { source: 'verdicts', samples, skipped: [] };
    }
    throw new AppError('bad_request', 'send multipart field "samples" (a .tar/.tar.gz archive) or {"source": "verdicts"}');
  }
}
