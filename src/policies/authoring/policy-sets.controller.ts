import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '../../common/app-error';
import { Caller, Roles } from '../../common/auth.guard';
import { AcceptsBody } from '../../common/body.interceptor';
import { PolicySetsService } from './policy-sets.service';
import { documentFromBody, parseBool, POLICY_DOCUMENT, scalarNumber } from './request-body';
import { SampleIntake } from './sample-intake';

type ApiRequest = Request & { id?: string; caller?: Caller };
const ctx = (req: ApiRequest, comment?: unknown) => ({
  actor: req.caller?.name ?? 'anonymous',
  requestId: req.id,
  comment: typeof comment === 'string' && comment.trim() ? comment.trim().slice(0, 2000) : null,
});

function versionParam(v: unknown): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = scalarNumber(v);
  if (!Number.isInteger(n) || n < 1) throw new AppError('invalid_parameter', 'version must be a positive integer', { parameter: 'version' });
  return n;
}

@ApiTags('policy authoring')
@Controller('v1/policy-sets')
export class PolicySetsController {
  constructor(
    private readonly sets: PolicySetsService,
    private readonly samples: SampleIntake,
  ) {}

  @Get()
  @Roles('policy-admin')
  @ApiOperation({ summary: 'Every policy-set document with kept versions: active version, where it came from, whether it is served' })
  list() {
    return this.sets.list();
  }

  @Get(':name')
  @Roles('policy-admin')
  @ApiOperation({ summary: 'A policy-set document: the active version (or ?version=n) with its text; Accept: application/yaml returns the text alone' })
  @ApiQuery({ name: 'version', required: false })
  async get(@Param('name') name: string, @Req() req: ApiRequest, @Res({ passthrough: true }) res: Response, @Query('version') version?: string) {
    const v = await this.sets.get(name, versionParam(version));
    if (/yaml/i.test(req.header('accept') ?? '')) {
      res.type('application/yaml').setHeader('X-Policy-Version', String(v.version));
      return v.text;
    }
    return v;
  }

  @Put(':name')
  @Roles('policy-admin')
  @AcceptsBody(POLICY_DOCUMENT)
  @ApiConsumes('application/yaml', 'application/json')
  @ApiQuery({ name: 'comment', required: false })
  @ApiQuery({ name: 'activate', required: false, description: 'default true; false stores the version without serving it' })
  @ApiOperation({ summary: 'Store a new version of the document (validated within the whole active set) and activate it' })
  put(@Param('name') name: string, @Req() req: ApiRequest, @Query('comment') comment?: string, @Query('activate') activate?: string) {
    return this.sets.put(name, documentFromBody(req), ctx(req, comment ?? req.header('x-change-comment')), parseBool(activate, 'activate') ?? true);
  }

  @Delete(':name')
  @Roles('policy-admin')
  @ApiQuery({ name: 'comment', required: false })
  @ApiOperation({ summary: 'Stop serving a document added through PUT (versions are kept; a later PUT serves it again); 409 for a document from the policy folder or the last one served' })
  remove(@Param('name') name: string, @Req() req: ApiRequest, @Query('comment') comment?: string) {
    return this.sets.remove(name, ctx(req, comment ?? req.header('x-change-comment')));
  }

  @Get(':name/versions')
  @Roles('policy-admin')
  @ApiOperation({ summary: 'Every stored version, newest first: author, time, comment, diff against the version active when it was stored, its activations (who, when, comment), which is active' })
  versions(@Param('name') name: string) {
    return this.sets.versions(name);
  }

  @Post(':name/activate')
  @HttpCode(200)
  @Roles('policy-admin')
  @ApiBody({ schema: { type: 'object', required: ['version'], properties: { version: { type: 'integer' }, comment: { type: 'string' } } } })
  @ApiOperation({ summary: 'Serve a stored version (rollback is activating an older one)' })
  activate(@Param('name') name: string, @Req() req: ApiRequest, @Body() body: Record<string, unknown> = {}) {
    const version = versionParam(body?.version);
    if (version === undefined) throw new AppError('invalid_parameter', 'body needs {"version": <n>}', { parameter: 'version' });
    return this.sets.activate(name, version, ctx(req, body.comment));
  }

  @Post(':name/calibrate')
  @HttpCode(200)
  @Roles('policy-admin')
  @UseInterceptors(FileFieldsInterceptor([{ name: 'samples', maxCount: 1 }]))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiOperation({
    summary:
      'Fit Platt calibration for the document\'s policies on labelled samples (multipart "samples" archive, or JSON {"source": "verdicts"}) and store the document with the fitted calibration blocks as a new version (activate=true to serve it at once)',
  })
  async calibrate(@Param('name') name: string, @Req() req: ApiRequest, @UploadedFiles() files: Record<string, Express.Multer.File[] | undefined> = {}) {
    const fields = { ...(req.query as Record<string, unknown>), ...((req.body ?? {}) as Record<string, unknown>) };
    const batch = await this.samples.fromRequest(fields, files.samples?.[0]);
    const list = fields.policies;
    if (Array.isArray(list) && list.some((x) => typeof x !== 'string')) throw new AppError('invalid_parameter', 'policies must be a list of policy ids', { parameter: 'policies' });
    const policies = Array.isArray(list) ? (list as string[]) : typeof list === 'string' && list.trim() ? list.split(',').map((x) => x.trim()) : undefined;
    return this.sets.calibrate(name, batch.samples, { policies, activate: parseBool(fields.activate, 'activate'), source: batch.source }, ctx(req, fields.comment));
  }
}
