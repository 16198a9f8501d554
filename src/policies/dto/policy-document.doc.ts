import type { ApiBodyOptions } from '@nestjs/swagger';

/**
 * The request body of the routes that take a policy-set document (validate, PUT /v1/policy-sets):
 * YAML text (application/yaml, text/yaml, text/plain), or JSON: the document itself or
 * {"policy": "<yaml>" | {document}}. Its contents are checked by the policy validator (errors
 * with positions: policy_invalid or validate's `errors`), not by a DTO.
 */
export const POLICY_DOCUMENT_BODY: ApiBodyOptions = {
  description: 'The policy-set document: YAML text, or JSON (the document, or {"policy": <YAML text or document>}); schema: policies/schema.json',
  schema: {
    oneOf: [
      { type: 'string', description: 'YAML text (application/yaml, application/x-yaml, text/yaml, text/x-yaml, text/plain)' },
      { type: 'object', additionalProperties: true, description: 'JSON: the document ({version, name, policies: [...]}) or {"policy": ...}' },
    ],
    example: 'version: 1\nname: default\npolicies:\n  - id: weapons\n    prompts: ["a photo of a gun"]\n    thresholds: { flag: 0.24, block: 0.3 }\n',
  },
};
