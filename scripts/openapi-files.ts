import { NestFactory } from '@nestjs/core';
import openapiTS, { astToString } from 'openapi-typescript';
import { AppModule } from '../src/app.module';
import { buildOpenApiDocument } from '../src/common/openapi-document';

export const OPENAPI_JSON = 'docs/openapi.json';
export const OPENAPI_TYPES = 'src/generated/openapi.ts';

/**
 * The document as the code declares it, from Nest's preview mode (the module graph without
 * instantiating providers: no model, no database), and the types openapi-typescript makes of it.
 * Settings are the defaults, so the document does not depend on the machine that generates it.
 */
export async function generateOpenApiFiles(): Promise<Record<string, string>> {
  const app = await NestFactory.create(AppModule.create(), { preview: true, logger: false, abortOnError: false });
  try {
    const doc = buildOpenApiDocument(app);
    const json = JSON.stringify(doc, null, 2) + '\n';
    const ast = await openapiTS(JSON.parse(json), { alphabetize: true });
    const header =
      '/**\n * Generated from docs/openapi.json by `npm run openapi` (openapi-typescript). Do not edit by hand.\n */\n\n';
    return { [OPENAPI_JSON]: json, [OPENAPI_TYPES]: header + astToString(ast) };
  } finally {
    await app.close();
  }
}
