import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '../common/app-error';
import { Roles } from '../common/auth.guard';
import { AcceptsBody } from '../common/body.interceptor';
import { parseTime } from '../common/dto-transforms';
import { routeMultipart } from '../common/multipart';
import { ApiErrors } from '../common/openapi';
import { PolicyLabService } from './authoring/policy-lab.service';
import { documentFromBody, documentFromValue, formText, POLICY_DOCUMENT, snakeKeys, YAML_TYPES } from './authoring/request-body';
import { SampleIntake } from './authoring/sample-intake';
import { ShadowStatsService } from './authoring/shadow-stats.service';
import { EvaluateDraftDto, EvaluateQueryDto, PreviewDraftFormDto, ShadowStatsQueryDto, ValidateDraftQueryDto } from './dto/policy-draft.dto';
import { EvaluationReportResponse, PolicySetSummaryResponse, PreviewDraftResponse, SampleScoreResponse, ShadowStatsResponse, ValidateDraftResponse } from './dto/policy.response';
import { POLICY_DOCUMENT_BODY } from './dto/policy-document.doc';
import { renderHtmlReport } from './evaluation/report-html';
import { PolicyRegistry } from './policy-registry.service';
import { PolicySetSummary, summarizePolicySet } from './policy-summary';

type Files = Record<string, Express.Multer.File[] | undefined>;
const FIELDS = FileFieldsInterceptor([
  { name: 'image', maxCount: 1 },
  { name: 'policy', maxCount: 1 },
  { name: 'samples', maxCount: 1 },
]);

/**
 * Preview's parts under the module's Multer setup (policy-api.module.ts, sized for evaluate's sample
 * archives) with this route's own file limits: an image larger than MEDIA_MAX_BYTES is refused while it
 * streams in (413 payload_too_large, as POST /v1/moderations refuses one), never buffered first. Multer
 * has one file size per request, shared with the draft's file part, so it is the larger of the image
 * and policy document (2 MiB) limits; a document over its own limit is refused once read (`processable`,
 * 413), an image over MEDIA_MAX_BYTES but under 2 MiB by intake (413).
 */
const PreviewFiles = routeMultipart((options, config) =>
  new (FileFieldsInterceptor([
    { name: 'image', maxCount: 1 },
    { name: 'policy', maxCount: 1 },
  ]))({ ...options, limits: { ...options.limits, files: 2, fileSize: Math.max(config.media.maxBytes, POLICY_DOCUMENT.textLimit) } }),
);

@ApiTags('policies')
@ApiExtraModels(SampleScoreResponse)
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
  @ApiOkResponse({ type: PolicySetSummaryResponse })
  active(): PolicySetSummary {
    return summarizePolicySet(this.registry.current());
  }

  @Post('validate')
  @HttpCode(200)
  @Roles('policy-admin')
  @AcceptsBody(POLICY_DOCUMENT)
  @ApiConsumes(...YAML_TYPES, 'application/json')
  @ApiBody(POLICY_DOCUMENT_BODY)
  @ApiOperation({ summary: 'Errors and warnings with file:line:column positions (schema, threshold order, truncation, duplicates, confusable prompts)' })
  @ApiOkResponse({ type: ValidateDraftResponse, description: 'valid is false when the draft has errors (they are listed with positions)' })
  @ApiErrors('bad_request', 'invalid_json', 'invalid_parameter', 'payload_too_large', 'policy_invalid')
  validate(@Req() req: Request, @Query() q: ValidateDraftQueryDto) {
    return this.lab.validate(documentFromBody(req), { standalone: q.standalone });
  }

  @Post('preview')
  @HttpCode(200)
  @Roles('policy-admin')
  @UseInterceptors(PreviewFiles)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: PreviewDraftFormDto })
  @ApiOperation({ summary: 'multipart "policy" (draft YAML) + "image": the decision under the draft beside the active set, per policy' })
  @ApiOkResponse({ type: PreviewDraftResponse })
  @ApiErrors('bad_request', 'missing_image', 'invalid_parameter', 'payload_too_large', 'policy_invalid', 'unsupported_media_type', 'image_undecodable', 'image_too_many_pixels', 'image_too_many_frames', 'image_too_complex', 'model_unavailable', 'overloaded')
  preview(@Body() form: PreviewDraftFormDto, @UploadedFiles() files: Files = {}) {
    const draft = formText({ policy: form.policy }, files, 'policy');
    if (!draft) throw new AppError('bad_request', 'multipart field "policy" (the draft policy set) is required');
    const image = files.image?.[0];
    if (!image) throw new AppError('missing_image', 'multipart field "image" is required');
    return this.lab.preview(draft, image.buffer, { standalone: form.standalone });
  }

  @Post('evaluate')
  @HttpCode(200)
  @Roles('policy-admin')
  @UseInterceptors(FIELDS)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ type: EvaluateDraftDto })
  @ApiOperation({
    summary:
      'Score labelled samples under a draft (or the active set): multipart "samples" (.tar/.tar.gz of <policy id>/... and none/...) and optional "policy", or JSON {"source": "verdicts"}. Per policy: precision, recall, F1, confusion at its thresholds, PR curve, thresholds for target precision/recall, calibration. format=html draws the curves.',
  })
  @ApiOkResponse({
    description: 'The report: JSON (format=json) or an HTML page (format=html)',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/EvaluationReportResponse' } }, 'text/html': { schema: { type: 'string' } } },
  })
  @ApiExtraModels(EvaluationReportResponse)
  @ApiErrors('bad_request', 'invalid_json', 'invalid_parameter', 'not_found', 'payload_too_large', 'policy_invalid', 'model_unavailable', 'overloaded')
  async evaluate(@Body() body: EvaluateDraftDto, @Query() q: EvaluateQueryDto, @Res() res: Response, @UploadedFiles() files: Files = {}): Promise<void> {
    const draft = typeof body.policy === 'object' ? documentFromValue(body.policy, 'policy') : formText({ policy: body.policy }, files, 'policy');
    const samples = await this.samples.fromRequest(body, files.samples?.[0]);
    const report = await this.lab.evaluate(draft, samples.samples, { standalone: body.standalone, targetPrecision: body.target_precision, targetRecall: body.target_recall });
    if (q.format === 'html') {
      res.status(200).type('html').send(renderHtmlReport(report));
      return;
    }
    res.status(200).json(snakeKeys({ source: samples.source, skipped: samples.skipped, ...report }));
  }

  @Get('shadow-stats')
  @Roles('policy-admin', 'moderator')
  @ApiOperation({ summary: 'Shadow policies against the enforced set on recorded traffic: would-have actions, overlap, agreement with review verdicts' })
  @ApiOkResponse({ type: ShadowStatsResponse })
  @ApiErrors('invalid_parameter')
  shadowStats(@Query() q: ShadowStatsQueryDto) {
    return this.shadow.stats(parseTime(q.from), parseTime(q.to), q.policy_set_version);
  }
}
