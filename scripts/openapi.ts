/**
 * Writes the OpenAPI document (docs/openapi.json) and the typed client generated from it
 * (src/generated/openapi.ts). `npm run openapi`; `npm run openapi -- --check` fails when either
 * file is stale (test/openapi-contract.e2e-spec.ts does the same check in the suite).
 */
import * as fs from 'fs';
import * as path from 'path';
import { generateOpenApiFiles } from './openapi-files';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const files = await generateOpenApiFiles();
  let stale = 0;
  for (const [file, text] of Object.entries(files)) {
    const abs = path.join(__dirname, '..', file);
    const current = fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : '';
    if (current === text) continue;
    if (check) {
      stale++;
      console.error(`${file} is stale: run npm run openapi`);
    } else {
      fs.writeFileSync(abs, text);
      console.log(`wrote ${file}`);
    }
  }
  process.exitCode = stale ? 1 : 0;
}

void main();
