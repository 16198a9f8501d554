import { Controller, Get, HttpCode, Post, Query, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '../common/app-error';
import { Roles } from '../common/auth.guard';
import { AcceptsBody } from '../common/body.interceptor';
import { PolicyLabService } from './authoring/policy-lab.service';
import { documentFromBody, documentFromValue, formText, parseBool, parseTarget, POLICY_DOCUMENT, snakeKeys } from './authoring/request-body';
import { SampleIntake } from './authoring/sample-intake';
import { ShadowStatsService } from './authoring/shadow-stats.service';
import { renderHtmlReport } from './evaluation/report-html';
import { PolicyRegistry } from './policy-registry.service';
import { PolicySetSummary, summarizePolicySet } from './policy-summary';

type Files = Record<string, Express.Multer.File[] | undefined>;
const FIELDS = FileFieldsInterceptor([
  { name: 'image', maxCount: 1 },
  { name: 'policy', maxCount: 1 },
  { name: 'samples', maxCount: 1 },
]);

@ApiTags('policies')
@Controller('v1/policies')
export class PoliciesController {
  constructor(
    private readonly registry: PolicyRegistry,
    private readonly lab: PolicyLabService,
    private readonly samples: SampleIntake,
    private readonly shadow: ShadowStatsService,
  ) {}

  @Get()
  @Roles('ingest', 'moderator', 'policy-admin')
  @ApiOperation({ summary: 'The active policy set: version, policies, thresholds, prompt counts, compile warnings' })
  active(): PolicySetSummary {
    return summarizePolicySet(this.registry.current());
  }

  @Post('validate')
  @HttpCode(200)
  @Roles('policy-admin')
  @AcceptsBody(POLICY_DOCUMENT)
  @ApiConsumes('application/yaml', 'application/json')
  @ApiQuery({ name: 'standalone', required: false, description: 'validate the document alone instead of in place of its namesake in the active set' })
  @ApiOperation({ summary: 'Errors and warnings with file:line:column positions (schema, threshold order, truncation, duplicates, confusable prompts)' })
  validate(@Req() req: Request, @Query('standalone') standalone?: string) {
    return this.lab.validate(documentFromBody(req), { standalone: parseBool(standalone, 'standalone') });
  }

  @Post('preview')
  @HttpCode(200)
  @Roles('policy-admin')
  @UseInterceptors(FIELDS)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'multipart "policy" (draft YAML) + "image": the decision under the draft beside the active set, per policy' })
  preview(@Req() req: Request, @UploadedFiles() files: Files = {}) {
    const fields = (req.body ?? {}) as Record<string, unknown>;
    const draft = formText(fields, files, 'policy');
    if (!draft) throw new AppError('bad_request', 'multipart field "policy" (the draft policy set) is required');
    const image = files.image?.[0];
    if (!image) throw new AppError('missing_image', 'multipart field "image" is required');
    return this.lab.preview(draft, image.buffer, { standalone: parseBool(fields.standalone, 'standalone') });
  }

  @Post('evaluate')
  @HttpCode(200)
  @Roles('policy-admin')
  @UseInterceptors(FIELDS)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiOperation({
    summary:
      'Score labelled samples under a draft (or the active set): multipart "samples" (.tar/.tar.gz of <policy id>/... and none/...) and optional "policy", or JSON {"source": "verdicts"}. Per policy: precision, recall, F1, confusion at its thresholds, PR curve, thresholds for target precision/recall, calibration. format=html draws the curves.',
  })
  async evaluate(@Req() req: Request, @Res() res: Response, @UploadedFiles() files: Files = {}): Promise<void> {
    const fields = { ...(req.query as Record<string, unknown>), ...((req.body ?? {}) as Record<string, unknown>) };
    const draftField = fields.policy;
    const draft = formText(fields, files, 'policy') ?? (draftField && typeof draftField === 'object' ? documentFromValue(draftField, 'policy') : null);
    // Parameters first: a bad one is refused before any sample is read.
    const opts = {
      standalone: parseBool(fields.standalone, 'standalone'),
      targetPrecision: parseTarget(fields.target_precision, 'target_precision'),
      targetRecall: parseTarget(fields.target_recall, 'target_recall'),
    };
    const samples = await this.samples.fromRequest(fields, files.samples?.[0]);
    const report = await this.lab.evaluate(draft, samples.samples, opts);
    if (fields.format === 'html') {
      res.status(200).type('html').send(renderHtmlReport(report));
      return;
    }
    res.status(200).json(snakeKeys({ source: samples.source, skipped: samples.skipped, ...report }));
  }

  @Get('shadow-stats')
  @Roles('policy-admin', 'moderator')
  @ApiQuery({ name: 'from', required: false, description: 'ISO time; default 7 days ago' })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'policy_set_version', required: false, description: 'only moderations decided by this set version' })
  @ApiOperation({ summary: 'Shadow policies against the enforced set on recorded traffic: would-have actions, overlap, agreement with review verdicts' })
  shadowStats(@Query('from') from?: string, @Query('to') to?: string, @Query('policy_set_version') version?: string) {
    return this.shadow.stats(from, to, version);
  }
}
