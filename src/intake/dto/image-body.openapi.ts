import type { Type } from '@nestjs/common';
import { getSchemaPath, type RequestBodyObject, type SchemaObject } from '@nestjs/swagger';

/** Media types a raw image body may have (any image/* is read; the format is sniffed from the bytes). */
export const RAW_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/tiff', 'application/octet-stream'];

const BINARY: SchemaObject = { type: 'string', format: 'binary' };

/**
 * The request body of an image route, one schema per media type: a multipart form whose file part
 * is `filePart` (with the form fields of `formDto`), raw image bytes, or JSON (`jsonDto`). Used as
 * `@ApiOperation({ requestBody })` with `@ApiExtraModels(jsonDto, formDto)`, because @ApiBody gives
 * every media type the same schema.
 */
export function imageRequestBody(opts: { description: string; jsonDto: Type<unknown>; formDto: Type<unknown>; filePart: string; fileArray?: boolean; raw?: boolean }): RequestBodyObject {
  const file: SchemaObject = opts.fileArray ? { type: 'array', items: BINARY, minItems: 1 } : BINARY;
  const content: RequestBodyObject['content'] = {
    'multipart/form-data': {
      schema: { allOf: [{ $ref: getSchemaPath(opts.formDto) }, { type: 'object', required: [opts.filePart], properties: { [opts.filePart]: file } }] },
    },
    'application/json': { schema: { $ref: getSchemaPath(opts.jsonDto) } },
  };
  if (opts.raw !== false) for (const t of RAW_IMAGE_TYPES) content[t] = { schema: BINARY };
  return { required: true, description: opts.description, content };
}
