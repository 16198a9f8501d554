import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Caller, Roles } from '../../common/auth.guard';
import { AcceptsBody } from '../../common/body.interceptor';
import { ApiErrors } from '../../common/openapi';
import { POLICY_DOCUMENT_BODY } from '../dto/policy-document.doc';
import { ActivatePolicySetDto, CalibratePolicySetDto, ChangeCommentQueryDto, PolicySetNameParams, PolicySetVersionQueryDto, PutPolicySetQueryDto } from './dto/policy-sets.dto';
import {
  PolicySetActivatedResponse,
  PolicySetCalibratedResponse,
  PolicySetDocumentResponse,
  PolicySetListResponse,
  PolicySetRemovedResponse,
  PolicySetStoredResponse,
  PolicySetVersionsResponse,
} from './dto/policy-sets.response';
import { PolicySetsService } from './policy-sets.service';
import { documentFromBody, POLICY_DOCUMENT, YAML_TYPES } from './request-body';
import { SampleIntake } from './sample-intake';

type ApiRequest = Request & { id?: string; caller?: Caller };

/** The change comment: the validated field, else the X-Change-Comment header (trimmed, at most 2000 characters). */
const ctx = (req: ApiRequest, comment?: string) => {
  const c = (comment ?? req.header('x-change-comment') ?? '').trim().slice(0, 2000);
  return { actor: req.caller?.name ?? 'anonymous', requestId: req.id, comment: c || null };
};

const COMMENT_HEADER = { name: 'X-Change-Comment', required: false, description: 'The change comment, when not given as ?comment= (at most 2000 characters are kept)' };

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
  @ApiOkResponse({ type: PolicySetListResponse })
  @ApiErrors('not_found')
  list() {
    return this.sets.list();
  }

  @Get(':name')
  @Roles('policy-admin')
  @ApiOperation({ summary: 'A policy-set document: the active version (or ?version=n) with its text; Accept: application/yaml returns the text alone' })
  @ApiExtraModels(PolicySetDocumentResponse)
  @ApiOkResponse({
    description: 'JSON: the version with its text; with Accept: application/yaml, the YAML text alone and its version number in X-Policy-Version',
    content: { 'application/json': { schema: { $ref: getSchemaPath(PolicySetDocumentResponse) } }, 'application/yaml': { schema: { type: 'string' } } },
    headers: { 'X-Policy-Version': { description: 'The version number (YAML answers only)', schema: { type: 'integer' } } },
  })
  @ApiErrors('invalid_parameter', 'not_found')
  async get(@Param() p: PolicySetNameParams, @Query() q: PolicySetVersionQueryDto, @Req() req: ApiRequest, @Res({ passthrough: true }) res: Response) {
    const v = await this.sets.get(p.name, q.version);
    if (/yaml/i.test(req.header('accept') ?? '')) {
      res.type('application/yaml').setHeader('X-Policy-Version', String(v.version));
      return v.text;
    }
    return v;
  }

  @Put(':name')
  @Roles('policy-admin')
  @AcceptsBody(POLICY_DOCUMENT)
  @ApiConsumes(...YAML_TYPES, 'application/json')
  @ApiBody(POLICY_DOCUMENT_BODY)
  @ApiHeader(COMMENT_HEADER)
  @ApiOperation({ summary: 'Store a new version of the document (validated within the whole active set) and activate it' })
  @ApiOkResponse({ type: PolicySetStoredResponse })
  @ApiErrors('bad_request', 'invalid_json', 'invalid_parameter', 'not_found', 'conflict', 'payload_too_large', 'policy_invalid')
  put(@Param() p: PolicySetNameParams, @Query() q: PutPolicySetQueryDto, @Req() req: ApiRequest) {
    return this.sets.put(p.name, documentFromBody(req), ctx(req, q.comment), q.activate ?? true);
  }

  @Delete(':name')
  @Roles('policy-admin')
  @ApiHeader(COMMENT_HEADER)
  @ApiOperation({ summary: 'Stop serving a document added through PUT (versions are kept; a later PUT serves it again); 409 for a document from the policy folder or the last one served' })
  @ApiOkResponse({ type: PolicySetRemovedResponse })
  @ApiErrors('invalid_parameter', 'not_found', 'conflict')
  remove(@Param() p: PolicySetNameParams, @Query() q: ChangeCommentQueryDto, @Req() req: ApiRequest) {
    return this.sets.remove(p.name, ctx(req, q.comment));
  }

  @Get(':name/versions')
  @Roles('policy-admin')
  @ApiOperation({ summary: 'Every stored version, newest first: author, time, comment, diff against the version active when it was stored, its activations (who, when, comment), which is active' })
  @ApiOkResponse({ type: PolicySetVersionsResponse })
  @ApiErrors('invalid_parameter', 'not_found')
  versions(@Param() p: PolicySetNameParams) {
    return this.sets.versions(p.name);
  }

  @Post(':name/activate')
  @HttpCode(200)
  @Roles('policy-admin')
  @ApiOperation({ summary: 'Serve a stored version (rollback is activating an older one)' })
  @ApiOkResponse({ type: PolicySetActivatedResponse })
  @ApiErrors('invalid_json', 'invalid_parameter', 'not_found', 'conflict', 'payload_too_large', 'policy_invalid')
  activate(@Param() p: PolicySetNameParams, @Body() body: ActivatePolicySetDto, @Req() req: ApiRequest) {
    return this.sets.activate(p.name, body.version, ctx(req, body.comment));
  }

  @Post(':name/calibrate')
  @HttpCode(200)
  @Roles('policy-admin')
  @UseInterceptors(FileFieldsInterceptor([{ name: 'samples', maxCount: 1 }]))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ type: CalibratePolicySetDto })
  @ApiHeader(COMMENT_HEADER)
  @ApiOperation({
    summary:
      'Fit Platt calibration for the document\'s policies on labelled samples (multipart "samples" archive, or JSON {"source": "verdicts"}) and store the document with the fitted calibration blocks as a new version (activate=true to serve it at once)',
  })
  @ApiOkResponse({ type: PolicySetCalibratedResponse })
  @ApiErrors('bad_request', 'invalid_json', 'invalid_parameter', 'not_found', 'conflict', 'payload_too_large', 'policy_invalid', 'model_unavailable', 'overloaded')
  async calibrate(@Param() p: PolicySetNameParams, @Body() body: CalibratePolicySetDto, @Req() req: ApiRequest, @UploadedFiles() files: Record<string, Express.Multer.File[] | undefined> = {}) {
    const batch = await this.samples.fromRequest(body, files.samples?.[0]);
    return this.sets.calibrate(p.name, batch.samples, { policies: body.policies, activate: body.activate, source: batch.source }, ctx(req, body.comment));
  }
}
