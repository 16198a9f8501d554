/**
 * JSON Schema (draft-07) of a policy-set document. policies/schema.json is this object,
 * written out for editors (yaml-language-server); policy-schema.spec.ts fails if they drift.
 * Kept in TS because the build's rootDir is src/ and the runtime must not depend on a file
 * in the policies directory it is validating.
 */
const slug = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 };
const text = { type: 'string', minLength: 1, maxLength: 1000 };
const prompts = { type: 'array', items: text, maxItems: 256 };
/** Longer than prompts: a list of benign subjects (the demo policies name every benign emoji, 1,884). */
const contrastPrompts = { type: 'array', items: text, maxItems: 2048 };
const templates = {
  type: 'array',
  minItems: 1,
  maxItems: 64,
  items: { type: 'string', pattern: '\\{\\}', maxLength: 500 },
  description: 'Prompt templates for ensembling; "{}" is replaced by each prompt, e.g. "an emoji of {}".',
};
const score = { type: 'number', minimum: -1, maximum: 1 };
const thresholds = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { flag: score, blur: score, block: score },
  description: 'An action applies when score >= its threshold; the most severe reached wins. Order: flag <= blur <= block.',
};
const scoring = {
  enum: ['similarity', 'contrastive', 'softmax'],
  description:
    'similarity: max cosine over prompts (cosine units). contrastive: that similarity, lowered by how far the closest contrast prompt beats it. softmax: probability of own prompts vs contrast and other policies.',
};
const severity = { enum: ['low', 'medium', 'high', 'critical'] };
const mode = { enum: ['enforce', 'shadow'], description: 'shadow: scored and reported, never changes the decision.' };
const examples = {
  type: 'array',
  minItems: 1,
  maxItems: 256,
  items: { type: 'string', minLength: 1, maxLength: 500 },
  description: 'Example images: a path relative to the policy folder (e.g. "examples/logo.png") or "moderation:<id>" of a stored moderation. An image matches by image-to-image cosine.',
};
const calibration = {
  type: 'object',
  additionalProperties: false,
  required: ['method', 'a', 'b'],
  properties: {
    method: { const: 'platt' },
    a: { type: 'number' },
    b: { type: 'number' },
    fitted: { type: 'string', maxLength: 500, description: 'Provenance: when and on what it was fitted (written by `npm run policy -- calibrate`).' },
  },
  description: 'Opt-in Platt scaling: score = 1 / (1 + exp(-(a * raw + b))); thresholds are then probabilities.',
};

export const POLICY_SET_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://clipguard.local/schemas/policy-set.json',
  title: 'clipguard policy set',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'name', 'policies'],
  properties: {
    version: { const: 1, description: 'Format version of this document.' },
    name: text,
    description: text,
    defaults: {
      type: 'object',
      additionalProperties: false,
      properties: {
        scoring,
        templates,
        thresholds,
        severity,
        mode,
        contrast: { ...contrastPrompts, description: 'Benign prompts appended to the contrast list of every policy of this file.' },
      },
      description: 'Applied to every policy of this file that does not set the field (thresholds are replaced as a whole, not merged); contrast is appended.',
    },
    policies: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'description'],
        properties: {
          id: slug,
          description: text,
          prompts: { ...prompts, minItems: 1, description: 'What violates the policy (optional when examples are given).' },
          contrast: { ...contrastPrompts, description: 'Hard negatives: what looks alike but is fine.' },
          templates,
          scoring,
          thresholds,
          severity,
          mode,
          enabled: { type: 'boolean' },
          examples,
          example_thresholds: { ...thresholds, description: 'Image-to-image cosine thresholds for the examples (required with examples).' },
          calibration,
        },
      },
    },
  },
} as const;
